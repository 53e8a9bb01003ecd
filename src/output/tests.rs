//! All or nothing: a failed build leaves the old site, unchanged files keep their date, a
//! failed link never loses a file.

use super::*;

thread_local! {
    /// Set by a test to make every [`link`] on its thread fail, as on a file system
    /// without hard links or with the old output on another device.
    pub(super) static LINKS_FAIL: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Make links fail on this thread until the guard is dropped.
fn failing_links() -> impl Drop {
    struct Guard;
    impl Drop for Guard {
        fn drop(&mut self) {
            LINKS_FAIL.with(|f| f.set(false));
        }
    }
    LINKS_FAIL.with(|f| f.set(true));
    Guard
}

fn stream_site(out: &Path, files: &[(&str, &str)]) -> WriteStats {
    let writer = SiteWriter::new(out).unwrap();
    for (path, text) in files {
        writer.write_stream(path, &|w| w.write_all(text.as_bytes())).unwrap();
    }
    writer.finish().unwrap()
}

fn file(path: &str, s: &str) -> OutputFile {
    OutputFile { path: path.into(), bytes: s.as_bytes().to_vec() }
}

#[test]
fn replaces_the_output_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    write_site(&out, &[file("a/index.html", "1"), file("b.txt", "2")]).unwrap();
    write_site(&out, &[file("a/index.html", "3")]).unwrap();
    assert_eq!(std::fs::read_to_string(out.join("a/index.html")).unwrap(), "3");
    assert!(!out.join("b.txt").exists(), "files of the old build are gone");
    // Only the site and one replaced copy (removed by the next build) are left.
    let mut names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names[0].starts_with(".public.old-"));
    write_site(&out, &[file("a/index.html", "4")]).unwrap();
    let copies = std::fs::read_dir(tmp.path()).unwrap().flatten().count();
    assert_eq!(copies, 2, "the older copy was removed");
}

#[test]
fn a_failed_write_leaves_the_old_output() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    write_site(&out, &[file("index.html", "old")]).unwrap();
    let err = write_site(&out, &[file("index.html", "new"), file("../escape.html", "x")]);
    assert!(err.is_err());
    assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "old");
    assert!(!tmp.path().join("escape.html").exists());
}

#[test]
fn unchanged_files_keep_their_inode_and_are_not_rewritten() {
    use std::os::unix::fs::MetadataExt;
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    write_site(&out, &[file("same.html", "same"), file("changed.html", "v1")]).unwrap();
    let same_ino = std::fs::metadata(out.join("same.html")).unwrap().ino();
    let changed_ino = std::fs::metadata(out.join("changed.html")).unwrap().ino();
    let stats = write_site(&out, &[file("same.html", "same"), file("changed.html", "v2")]).unwrap();
    assert_eq!((stats.files, stats.written), (2, 1));
    assert_eq!(std::fs::metadata(out.join("same.html")).unwrap().ino(), same_ino);
    assert_ne!(std::fs::metadata(out.join("changed.html")).unwrap().ino(), changed_ino);
    assert_eq!(std::fs::read_to_string(out.join("changed.html")).unwrap(), "v2");
}

#[cfg(target_os = "linux")]
#[test]
fn exchange_swaps_two_folders_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    std::fs::create_dir_all(a.join("from-a")).unwrap();
    std::fs::create_dir_all(b.join("from-b")).unwrap();
    exchange(&a, &b).unwrap();
    assert!(a.join("from-b").is_dir() && b.join("from-a").is_dir());
}

#[test]
fn a_writer_dropped_before_finishing_leaves_nothing_behind() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    write_site(&out, &[file("index.html", "old")]).unwrap();
    {
        let w = SiteWriter::new(&out).unwrap();
        w.write(&file("index.html", "new")).unwrap();
        // An error while rendering: the writer is dropped without finish().
    }
    assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "old");
    let staging = std::fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("staging"))
        .count();
    assert_eq!(staging, 0);
}

#[test]
fn stale_staging_folders_are_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    std::fs::create_dir_all(tmp.path().join(".public.staging-999/x")).unwrap();
    write_site(&out, &[file("index.html", "1")]).unwrap();
    assert!(!tmp.path().join(".public.staging-999").exists());
}

#[test]
fn streamed_unchanged_files_keep_their_inode() {
    use std::os::unix::fs::MetadataExt;
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    stream_site(&out, &[("data/big.csv", "same"), ("data/other.csv", "v1")]);
    let ino = std::fs::metadata(out.join("data/big.csv")).unwrap().ino();
    let stats = stream_site(&out, &[("data/big.csv", "same"), ("data/other.csv", "v2")]);
    assert_eq!((stats.files, stats.written), (2, 1));
    assert_eq!(std::fs::metadata(out.join("data/big.csv")).unwrap().ino(), ino);
    assert_eq!(std::fs::read_to_string(out.join("data/big.csv")).unwrap(), "same");
    assert_eq!(std::fs::read_to_string(out.join("data/other.csv")).unwrap(), "v2");
    let names: Vec<_> = std::fs::read_dir(out.join("data")).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
}

#[test]
fn a_failed_link_keeps_the_streamed_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    stream_site(&out, &[("data/big.csv", "same bytes")]);
    let stats = {
        let _links = failing_links();
        stream_site(&out, &[("data/big.csv", "same bytes")])
    };
    assert_eq!((stats.files, stats.written), (1, 1), "written, since it was not linked");
    assert_eq!(std::fs::read_to_string(out.join("data/big.csv")).unwrap(), "same bytes");
    let names: Vec<_> = std::fs::read_dir(out.join("data")).unwrap().flatten().map(|e| e.file_name()).collect();
    assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
}

#[test]
fn a_failed_link_keeps_the_written_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    write_site(&out, &[file("index.html", "same")]).unwrap();
    let stats = {
        let _links = failing_links();
        write_site(&out, &[file("index.html", "same")]).unwrap()
    };
    assert_eq!((stats.files, stats.written), (1, 1));
    assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "same");
}
