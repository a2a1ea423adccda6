//! `iotlabel frameworks` (list, controls, OSCAL export) and `iotlabel crosswalk`.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use crate::util::{FRAMEWORKS, csv_fields, run, tempdir};

// ---------------------------------------------------------------------------------------------
// frameworks

#[test]
fn lists_all_five_frameworks() {
    let r = run(&["--color", "never", "frameworks"]);
    r.expect_code(0);
    for id in FRAMEWORKS {
        assert!(r.stdout.lines().any(|l| l.starts_with(id)), "{id} missing:\n{}", r.stdout);
    }
    assert!(r.stdout.contains("common controls"), "{}", r.stdout);
    assert!(!r.stdout.contains('\x1b'));
}

#[test]
fn frameworks_json() {
    let r = run(&["frameworks", "--format", "json"]);
    r.expect_code(0);
    let v = r.json();
    let fws = v["frameworks"].as_array().expect("a frameworks array");
    let ids: Vec<&str> = fws.iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(ids, FRAMEWORKS);
    for f in fws {
        assert!(f["title"].is_string() && f["edition"].is_string(), "{}", f["id"]);
        assert!(
            f["requirements"].as_array().is_some_and(|r| !r.is_empty()),
            "{} has no requirements",
            f["id"]
        );
    }
    // Singapore's scheme is the one with levels.
    let sg = fws.iter().find(|f| f["id"] == "sg-cls").unwrap();
    assert!(sg["levels"].as_array().is_some_and(|l| l.len() == 4), "{}", sg["levels"]);
}

/// The catalogs are bilingual and carry notes: the JSON listing shows both, for the frameworks
/// and for sg-cls's levels.
#[test]
fn frameworks_json_has_french_titles_and_notes() {
    let r = run(&["frameworks", "--format", "json"]);
    r.expect_code(0);
    let v = r.json();
    for f in v["frameworks"].as_array().unwrap() {
        let fr = f["title_fr"].as_str().unwrap_or_else(|| panic!("{}: no title_fr", f["id"]));
        assert!(!fr.is_empty() && fr != f["title"].as_str().unwrap(), "{}: {fr}", f["id"]);
        assert!(f["notes"].is_string(), "{}: no notes", f["id"]);
    }
    assert!(
        v["frameworks"].as_array().unwrap().iter().any(|f| !f["notes"].as_str().unwrap().is_empty()),
        "some framework has notes"
    );
    let sg = v["frameworks"].as_array().unwrap().iter().find(|f| f["id"] == "sg-cls").unwrap();
    for l in sg["levels"].as_array().unwrap() {
        assert!(l["title"].is_string(), "{l}");
        assert!(l["title_fr"].as_str().is_some_and(|t| t.starts_with("Niveau")), "{l}");
        assert!(l["requires"].as_array().is_some_and(|r| !r.is_empty()), "{l}");
    }
}

#[test]
fn controls_listing() {
    let r = run(&["--color", "never", "frameworks", "--controls"]);
    r.expect_code(0);
    assert!(r.stdout.contains("auth.no-universal-default-password"), "{}", r.stdout);
    assert!(r.stdout.contains("uk-psti:1"), "controls list the requirements using them");

    let r = run(&["frameworks", "--controls", "--format", "json"]);
    r.expect_code(0);
    let v = r.json();
    let controls = v["controls"].as_array().expect("a controls array");
    assert!(controls.len() >= 50, "only {} controls", controls.len());
    let ids: BTreeSet<&str> = controls.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), controls.len(), "control ids are unique");
    let pw = controls.iter().find(|c| c["id"] == "auth.no-universal-default-password").unwrap();
    let used: Vec<&str> = pw["used_by"].as_array().unwrap().iter().map(|u| u.as_str().unwrap()).collect();
    assert!(used.contains(&"uk-psti:1") && used.contains(&"etsi-en-303-645:5.1-1"), "{used:?}");
}

#[test]
fn export_oscal_catalogs() {
    let tmp = tempdir();
    let dir = tmp.path().join("out/oscal");
    let r = run(&["frameworks", "--export", "oscal", dir.to_str().unwrap()]);
    r.expect_code(0);
    let mut names: Vec<String> =
        fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    let mut expected: Vec<String> = FRAMEWORKS.iter().map(|id| format!("{id}.oscal.json")).collect();
    expected.sort();
    assert_eq!(names, expected, "one file per framework and nothing else");
    for name in &names {
        let text = fs::read_to_string(dir.join(name)).unwrap();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let cat = v.get("catalog").unwrap_or_else(|| panic!("{name}: no `catalog` key"));
        assert!(cat["uuid"].is_string(), "{name}");
        assert!(r.stdout.contains(name), "`wrote ...` line for {name}:\n{}", r.stdout);
    }
}

#[test]
fn export_needs_a_directory() {
    let r = run(&["frameworks", "--export", "oscal"]);
    r.expect_code(2);
    assert!(r.stderr.contains("<DIR>"), "{}", r.stderr);
}

/// Lists every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            out.push(format!("{}/", e.path().display()));
            out.extend(files_under(&e.path()));
        } else {
            out.push(e.path().display().to_string());
        }
    }
    out.sort();
    out
}

#[test]
fn export_into_a_path_under_a_file_fails_cleanly() {
    let tmp = tempdir();
    let file = tmp.path().join("not-a-dir");
    fs::write(&file, "x").unwrap();
    let target = file.join("oscal");
    let r = run(&["frameworks", "--export", "oscal", target.to_str().unwrap()]);
    r.expect_code(2);
    assert!(r.stderr.contains("cannot create directory"), "{}", r.stderr);
    assert!(r.stderr.contains(&target.display().to_string()), "{}", r.stderr);
    assert_eq!(r.stdout, "", "no `wrote` lines");
    assert_eq!(files_under(tmp.path()), [file.display().to_string()], "nothing written");
    assert_eq!(fs::read_to_string(&file).unwrap(), "x", "the file in the way is untouched");
}

/// A failure half-way (the third target name is taken by a directory) must not leave the
/// temporary file it was writing behind.
#[test]

fn export_failing_half_way_leaves_no_temporary_file() {
    let tmp = tempdir();
    fs::create_dir(tmp.path().join("uk-psti.oscal.json")).unwrap();
    let r = run(&["frameworks", "--export", "oscal", tmp.path().to_str().unwrap()]);
    r.expect_code(2);
    assert!(r.stderr.contains("uk-psti.oscal.json: cannot write"), "{}", r.stderr);
    let leftovers: Vec<String> =
        files_under(tmp.path()).into_iter().filter(|f| f.ends_with(".tmp")).collect();
    assert!(leftovers.is_empty(), "temporary files left behind: {leftovers:?}");
}

// ---------------------------------------------------------------------------------------------
// crosswalk

#[test]
fn crosswalk_text() {
    let r = run(&["--color", "never", "crosswalk", "etsi-en-303-645", "uk-psti"]);
    r.expect_code(0);
    assert!(r.stdout.contains("full"), "{}", r.stdout);
    assert!(r.stdout.contains("ETSI EN 303 645 requirements covered by UK PSTI:"), "{}", r.stdout);
    assert!(r.stdout.contains("UK PSTI requirements covered by ETSI EN 303 645:"), "{}", r.stdout);
    assert!(r.stdout.contains("GAP"), "UK PSTI does not cover all of ETSI EN 303 645");
}

#[test]
fn crosswalk_gaps_only() {
    let r = run(&["--color", "never", "crosswalk", "etsi-en-303-645", "uk-psti", "--gaps-only"]);
    r.expect_code(0);
    let mapping_lines: Vec<&str> =
        r.stdout.lines().filter(|l| l.starts_with("  ") && !l.starts_with("   ")).collect();
    assert!(!mapping_lines.is_empty(), "{}", r.stdout);
    assert!(mapping_lines.iter().all(|l| l.trim_start().starts_with("GAP")), "{mapping_lines:#?}");
}

#[test]
fn crosswalk_csv() {
    let r = run(&["crosswalk", "eu-cra", "nist-ir-8425", "--format", "csv"]);
    r.expect_code(0);
    let mut lines = r.stdout.lines();
    assert_eq!(
        lines.next(),
        Some(
            "from_framework,requirement,title,to_framework,coverage,covered_by,shared_controls,missing_controls,only_recommended,law_routes"
        )
    );
    let rows: Vec<Vec<String>> = lines.map(csv_fields).collect();
    assert!(rows.len() > 10, "only {} rows", rows.len());
    let mut quoted = false;
    for row in &rows {
        assert_eq!(row.len(), 10, "{row:?}");
        assert!(["true", "false"].contains(&row[8].as_str()), "{row:?}");
        assert!(["eu-cra", "nist-ir-8425"].contains(&row[0].as_str()), "{row:?}");
        assert!(["full", "partial", "gap"].contains(&row[4].as_str()), "{row:?}");
        quoted |= row[2].contains(',');
    }
    assert!(quoted, "some title contains a comma, so quoting is exercised");
    // Both directions are present.
    assert!(rows.iter().any(|r| r[0] == "eu-cra" && r[3] == "nist-ir-8425"));
    assert!(rows.iter().any(|r| r[0] == "nist-ir-8425" && r[3] == "eu-cra"));
}

#[test]
fn crosswalk_json() {
    let r = run(&["crosswalk", "etsi-en-303-645", "uk-psti", "--format", "json"]);
    r.expect_code(0);
    let v = r.json();
    assert_eq!(v["a_to_b"]["from"], "etsi-en-303-645");
    assert_eq!(v["a_to_b"]["to"], "uk-psti");
    assert_eq!(v["b_to_a"]["from"], "uk-psti");
    let mappings = v["a_to_b"]["mappings"].as_array().expect("a_to_b.mappings");
    assert!(!mappings.is_empty());
    let full = mappings.iter().find(|m| m["id"] == "5.1-1").expect("ETSI 5.1-1 is mapped");
    assert_eq!(full["coverage"], "full", "{full:#}");
    assert_eq!(full["covered_by"], serde_json::json!(["1"]));
}

#[test]
fn crosswalk_unknown_framework_exits_2() {
    let r = run(&["crosswalk", "etsi-en-303-645", "uk-pst"]);
    r.expect_code(2);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.contains("unknown framework `uk-pst`"), "{}", r.stderr);
    assert!(r.stderr.contains("did you mean `uk-psti`"), "{}", r.stderr);
}

/// `all` is accepted by `assess --framework`, not by `crosswalk`, whose error should not list it
/// as an option.
#[test]

fn crosswalk_error_does_not_offer_all() {
    let r = run(&["crosswalk", "all", "uk-psti"]);
    r.expect_code(2);
    assert!(!r.stderr.contains("or all"), "`all` is offered, then rejected:\n{}", r.stderr);
}

#[test]
fn crosswalk_help_describes_both_frameworks() {
    let r = run(&["crosswalk", "--help"]);
    r.expect_code(0);
    let args: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.trim_start().starts_with("<A>") || l.trim_start().starts_with("<B>"))
        .collect();
    assert_eq!(args.len(), 2, "{}", r.stdout);
    for line in args {
        assert!(line.trim().len() > 4, "argument without a description: {line:?}\n{}", r.stdout);
    }
    assert!(r.stdout.contains("etsi-en-303-645"), "{}", r.stdout);
    assert!(r.stdout.contains("recommended only"), "{}", r.stdout);
}

/// "1 gap", never "1 gaps".
#[test]
fn crosswalk_text_pluralises() {
    let r = run(&["--color", "never", "crosswalk", "uk-psti", "sg-cls"]);
    r.expect_code(0);
    assert!(r.stdout.contains(", 1 gap\n"), "{}", r.stdout);
    assert!(!r.stdout.contains(" 1 gaps"), "{}", r.stdout);
    assert!(r.stdout.contains(" gaps\n"), "several gaps keep the plural:\n{}", r.stdout);
}

/// JSON carries the counts the text shows, per direction.
#[test]
fn crosswalk_json_has_a_summary() {
    for (a, b) in [("etsi-en-303-645", "uk-psti"), ("nist-ir-8425", "etsi-en-303-645")] {
        let r = run(&["crosswalk", a, b, "--format", "json"]);
        r.expect_code(0);
        let v = r.json();
        for dir in ["a_to_b", "b_to_a"] {
            let d = &v[dir];
            let mappings = d["mappings"].as_array().unwrap();
            let count = |c: &str| mappings.iter().filter(|m| m["coverage"] == c).count() as u64;
            let s = &d["summary"];
            assert_eq!(s["requirements"], mappings.len() as u64, "{a} {b} {dir}: {s}");
            assert_eq!(s["full"], count("full"), "{a} {b} {dir}: {s}");
            assert_eq!(s["partial"], count("partial"), "{a} {b} {dir}: {s}");
            assert_eq!(s["gap"], count("gap"), "{a} {b} {dir}: {s}");
            let only =
                mappings.iter().filter(|m| m["coverage"] == "full" && m["only_recommended"] == true).count();
            assert_eq!(s["full_recommended_only"], only as u64, "{a} {b} {dir}: {s}");
        }
    }
}

/// Coverage through recommended requirements only is not plain "full": NIST IR 8425's
/// requirement 10 is covered by ETSI provisions that are all recommendations.
#[test]
fn crosswalk_marks_coverage_resting_on_recommended_requirements() {
    let r = run(&["crosswalk", "nist-ir-8425", "etsi-en-303-645", "--format", "json"]);
    r.expect_code(0);
    let v = r.json();
    let m = v["a_to_b"]["mappings"].as_array().unwrap().iter().find(|m| m["id"] == "10").unwrap();
    assert_eq!(m["coverage"], "full", "{m:#}");
    assert_eq!(m["only_recommended"], true, "{m:#}");
    // ETSI 5.1-1 is covered by PSTI 1, a mandatory requirement.
    let r = run(&["crosswalk", "etsi-en-303-645", "uk-psti", "--format", "json"]);
    let v = r.json();
    let m = v["a_to_b"]["mappings"].as_array().unwrap().iter().find(|m| m["id"] == "5.1-1").unwrap();
    assert_eq!(m["only_recommended"], false, "{m:#}");

    let r = run(&["--color", "never", "crosswalk", "nist-ir-8425", "etsi-en-303-645"]);
    r.expect_code(0);
    let line = r.stdout.lines().find(|l| l.split_whitespace().any(|w| w == "10")).unwrap();
    assert!(line.trim_start().starts_with("full (recommended only)"), "{line}");
    assert!(r.stdout.contains("11 full (1 on recommended requirements only)"), "{}", r.stdout);
}

/// The whole text of one direction, pinned.
#[test]
fn crosswalk_text_snapshot() {
    let r = run(&["--color", "never", "crosswalk", "nist-ir-8425", "uk-psti"]);
    r.expect_code(0);
    insta::assert_snapshot!("crosswalk_nist_uk_psti", r.stdout);
    let r = run(&["--color", "never", "crosswalk", "nist-ir-8425", "etsi-en-303-645"]);
    r.expect_code(0);
    let first: String = r.stdout.split("\n\n").next().unwrap().to_string();
    insta::assert_snapshot!("crosswalk_nist_etsi_first_direction", first);
}

/// The law's own crosswalk (UK PSTI Schedule 2 routes) is shown apart from control coverage, in
/// text, CSV and JSON.
#[test]
fn crosswalk_shows_the_laws_routes_apart_from_control_coverage() {
    let r = run(&["crosswalk", "uk-psti", "etsi-en-303-645"]);
    r.expect_code(0);
    assert!(
        r.stdout.contains(
            "deemed met by law (route A) through ETSI EN 303 645 5.1-1 + 5.1-2: SI 2023/1007, Schedule 2"
        ),
        "{}",
        r.stdout
    );
    let r = run(&["crosswalk", "uk-psti", "jp-jc-star", "--format", "csv"]);
    r.expect_code(0);
    let row = r.stdout.lines().find(|l| l.starts_with("uk-psti,1,")).unwrap();
    assert!(row.ends_with(",B=label:1"), "{row}");
    let r = run(&["crosswalk", "uk-psti", "sg-cls", "--format", "json"]);
    r.expect_code(0);
    let v = r.json();
    let soc = v["a_to_b"]["mappings"].as_array().unwrap().iter().find(|m| m["id"] == "SoC").unwrap();
    assert_eq!(soc["routes"][0]["id"], "C");
    assert_eq!(soc["routes"][0]["label"], true);
    // Routes go one way: ETSI provisions are not deemed met by PSTI.
    let r = run(&["crosswalk", "etsi-en-303-645", "uk-psti"]);
    assert!(r.stdout.matches("deemed met by law").count() == 3, "{}", r.stdout);
}
