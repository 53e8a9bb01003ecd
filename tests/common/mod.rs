//! Helpers shared by the integration tests.

use std::path::Path;

/// Copy a folder tree (used to give each test its own copy of the bundled content). Not every
/// test file uses it.
#[allow(dead_code)]
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Every file under `dir`, by path relative to it, with its bytes: to compare a folder before
/// and after. Not every test file uses it.
#[allow(dead_code)]
pub fn tree(dir: &Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
    fn walk(top: &Path, dir: &Path, out: &mut std::collections::BTreeMap<std::path::PathBuf, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(top, &path, out);
            } else {
                out.insert(path.strip_prefix(top).unwrap().to_path_buf(), std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// A copy of tests/fixtures/base for the import tests, with an alias for the qualitative
/// indicator (院长负责制) and a monthly indicator (月门诊量). Not every test file uses it.
#[allow(dead_code)]
pub fn import_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base"), dir.path());
    let ind = dir.path().join("content/indicators");
    let pr = ind.join("president-responsibility.yaml");
    let text = std::fs::read_to_string(&pr).unwrap();
    std::fs::write(&pr, format!("{text}aliases: [院长负责制]\n")).unwrap();
    std::fs::write(
        ind.join("monthly-visits.yaml"),
        "name: {zh: 月门诊量, en: Monthly visits}\ncategory: quality\nkind: quantitative\nunit: count\ndirection: increase\nfrequency: monthly\n",
    )
    .unwrap();
    dir
}

/// The bundled site, built once by the `gongkai` binary into a temporary folder, for every test
/// of one test file. Not every test file uses it.
#[allow(dead_code)]
pub fn built_bundled_site() -> &'static Path {
    static SITE: std::sync::OnceLock<(tempfile::TempDir, std::path::PathBuf)> = std::sync::OnceLock::new();
    &SITE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let out = dir.path().join("public");
            let status = std::process::Command::new(env!("CARGO_BIN_EXE_gongkai"))
                .env("GONGKAI_LANG", "en")
                .args(["build", "--root"])
                .arg(env!("CARGO_MANIFEST_DIR"))
                .arg("--output")
                .arg(&out)
                .status()
                .unwrap();
            assert!(status.success(), "build failed");
            (dir, out)
        })
        .1
}

/// Bounds a child process for the tests of hostile input: at most 2 GB of address space (an
/// input that makes it allocate more fails the test as a crash), and 120 s of CPU so that a hang
/// ends as a failure instead of a stuck run. Not a speed check: an input takes well under a
/// second; the figures of speed are in the benchmarks.
#[allow(dead_code)]
pub fn bounded(cmd: &mut std::process::Command) -> &mut std::process::Command {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        // SAFETY: setrlimit is async-signal-safe; the closure allocates nothing.
        unsafe {
            cmd.pre_exec(|| {
                let memory = libc::rlimit { rlim_cur: 2 << 30, rlim_max: 2 << 30 };
                libc::setrlimit(libc::RLIMIT_AS, &memory);
                let cpu = libc::rlimit { rlim_cur: 120, rlim_max: 120 };
                libc::setrlimit(libc::RLIMIT_CPU, &cpu);
                Ok(())
            });
        }
    }
    cmd
}
