//! After one region changes, `build --watch` splices the region's new rows into the whole-site
//! downloads written before (`all.csv`, `all.json`, each indicator's CSV, `tasks.csv`,
//! `tasks.json`) instead of writing them whole. The spliced bytes, and where each region's rows
//! sit afterwards, must be exactly those of a full write of the changed site, for every region,
//! including the edge cases of JSON arrays (a region left with no observations or tasks, or the
//! first region with any).

mod common;
use common::copy_dir;

use std::path::PathBuf;

use gongkai::model::{Site, Value};
use gongkai::render::bulk::{self, Download, Layout};

fn bundled_site() -> Site {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content"), &dir.path().join("content"));
    gongkai::build::build_in_memory(dir.path()).unwrap_or_else(|d| panic!("{d}")).site.site
}

fn write(site: &Site, d: &Download) -> (Vec<u8>, Layout) {
    let mut bytes = Vec::new();
    let layout = bulk::write(site, d, &mut bytes).unwrap();
    assert_eq!(layout.len(), bytes.len() as u64);
    (bytes, layout)
}

/// Change region `i` of a copy of `before` with `edit`, then check every download: either the
/// splice gives the bytes and layout of a full write, or (only where a comma of another region
/// would move) the plan asks for a full write. Returns how many files were spliced.
fn check(before: &Site, i: usize, edit: &dyn Fn(&mut gongkai::model::Region)) -> (usize, usize) {
    let mut after = before.clone();
    edit(&mut after.regions[i]);
    let (mut spliced, mut whole) = (0, 0);
    for d in bulk::downloads(before) {
        let (old, mut layout) = write(before, &d);
        let (new, new_layout) = write(&after, &d);
        let mut reads = 0;
        let plan = bulk::plan(&after, &d, &layout, i, &mut |r| {
            reads += 1;
            Ok(old[r.start as usize..r.end as usize].to_vec())
        })
        .unwrap();
        let Some(splice) = plan else {
            whole += 1;
            assert!(
                matches!(d, Download::AllJson | Download::TasksJson),
                "only all.json and tasks.json have commas to move; {d:?} for region {i} asked for a full write"
            );
            continue;
        };
        if old == new {
            assert!(splice.edits.is_empty(), "{d:?}: nothing changed, yet {} edits", splice.edits.len());
            continue;
        }
        assert!(!splice.edits.is_empty(), "{d:?} changed but the plan has no edit");
        let got = bulk::spliced(&old, &splice);
        assert!(got == new, "{d:?} spliced for region {i} differs from a full write");
        layout.apply(&splice);
        assert_eq!(layout, new_layout, "{d:?}: layout after the splice for region {i}");
        assert!(reads <= 3, "only the region's own bytes are read");
        spliced += 1;
    }
    (spliced, whole)
}

#[test]
fn a_changed_value_is_spliced_into_every_download_for_every_region() {
    let site = bundled_site();
    let mut total = 0;
    for i in 0..site.regions.len() {
        let Some(s) =
            site.regions[i].series.iter().position(|s| s.observations.iter().any(|o| o.value.number().is_some()))
        else {
            continue;
        };
        let (spliced, whole) = check(&site, i, &|r| {
            if let Some(o) = r.series[s].observations.iter_mut().find(|o| o.value.number().is_some()) {
                // A longer number: every later byte moves.
                o.value = Value::Number(123456.789);
            }
        });
        assert_eq!(whole, 0);
        // all.csv, all.json and the indicator's CSV.
        assert_eq!(spliced, 3, "region {i}");
        total += spliced;
    }
    assert!(total >= 3 * 5, "most bundled regions have values: {total}");
}

#[test]
fn a_region_that_loses_or_gains_all_its_rows_is_spliced_or_rewritten() {
    let site = bundled_site();
    let first_with_observations =
        site.regions.iter().position(|r| r.series.iter().any(|s| !s.observations.is_empty())).unwrap();
    let mut whole_seen = 0;
    for i in 0..site.regions.len() {
        let (_, whole) = check(&site, i, &|r| {
            for s in &mut r.series {
                s.observations.clear();
            }
        });
        if i == first_with_observations {
            assert_eq!(whole, 1, "the first region's observations hold the array's first element");
        }
        whole_seen += whole;
        // And the reverse: a region gains rows where it had none.
        let mut emptied = site.clone();
        for s in &mut emptied.regions[i].series {
            s.observations.clear();
        }
        let full = site.regions[i].clone();
        check(&emptied, i, &|r| *r = full.clone());
    }
    assert!(whole_seen >= 1);
}

#[test]
fn several_edits_in_one_file_move_the_later_ranges() {
    // A region's entry, observations and targets all change in all.json: three edits, applied
    // from the end of the file.
    let site = bundled_site();
    let i = site
        .regions
        .iter()
        .position(|r| !r.targets.is_empty() && r.series.iter().any(|s| !s.observations.is_empty()))
        .unwrap();
    let (spliced, _) = check(&site, i, &|r| {
        let names = [("zh", "一个更长的新名字"), ("en", "A much longer new name")];
        r.name = gongkai::model::Text(names.into_iter().map(|(l, t)| (l.to_string(), t.to_string())).collect());
        for s in &mut r.series {
            for o in &mut s.observations {
                o.sample = !o.sample;
            }
        }
        for t in &mut r.targets {
            t.approx = !t.approx;
        }
    });
    let indicators: std::collections::BTreeSet<&str> =
        site.regions[i].series.iter().map(|s| s.indicator.as_str()).collect();
    // The region's name is in every row of its tasks too.
    let tasks = if site.regions[i].tasks.is_empty() { 0 } else { 2 };
    assert_eq!(
        spliced,
        2 + indicators.len() + tasks,
        "all.csv, all.json, the region's indicators' CSVs and the task files"
    );
}

#[test]
fn a_changed_task_is_spliced_into_the_task_files_for_every_region() {
    let site = bundled_site();
    let mut regions = 0;
    for i in (0..site.regions.len()).filter(|&i| !site.regions[i].tasks.is_empty()) {
        // A status reported, a longer progress note, a deadline the plan turns out not to set.
        let (spliced, whole) = check(&site, i, &|r| {
            let t = &mut r.tasks[0];
            t.status = Some(gongkai::vocab::WorkState::Delayed);
            t.progress = Some(gongkai::model::Text(
                [("zh".to_string(), "进度说明变长了许多。".to_string())].into_iter().collect(),
            ));
            t.deadline = None;
        });
        assert_eq!((spliced, whole), (2, 0), "tasks.csv and tasks.json only, region {i}");
        regions += 1;
    }
    assert!(regions >= 5, "the bundled plans have tasks: {regions}");
}

#[test]
fn a_region_that_loses_or_gains_all_its_tasks_is_spliced_or_rewritten() {
    let site = bundled_site();
    let first_with_tasks = site.regions.iter().position(|r| !r.tasks.is_empty()).unwrap();
    for i in (0..site.regions.len()).filter(|&i| !site.regions[i].tasks.is_empty()) {
        let (spliced, whole) = check(&site, i, &|r| r.tasks.clear());
        // tasks.json's first element moves to another region: written whole.
        let expected = if i == first_with_tasks { (1, 1) } else { (2, 0) };
        assert_eq!((spliced, whole), expected, "region {i}");
        let mut emptied = site.clone();
        emptied.regions[i].tasks.clear();
        let full = site.regions[i].clone();
        check(&emptied, i, &|r| *r = full.clone());
    }
}
