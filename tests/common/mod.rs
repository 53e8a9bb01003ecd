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
