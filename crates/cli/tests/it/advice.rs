//! `advise`, `compare` and `glossary` (issue 16): profiles from files and from standard input,
//! saving and resuming, JSON that validates against the published schemas, clear refusals.

use crate::util::{AS_OF, example, iotlabel, run, tempdir};

fn profile(name: &str) -> String {
    format!("examples/profiles/{name}.toml")
}

fn validator(kind: &str) -> jsonschema::Validator {
    let schema = run(&["schema", kind]).json();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{kind} schema does not compile: {e}"))
}

#[track_caller]
fn valid(v: &jsonschema::Validator, doc: &serde_json::Value, what: &str) {
    let errors: Vec<String> = v.iter_errors(doc).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{what}: {}", errors.join("\n"));
}

/// Runs `iotlabel` with `input` on standard input (not a terminal: the questionnaire reads lines).
fn run_stdin(args: &[&str], input: &str) -> crate::util::Run {
    let out = iotlabel().args(args).write_stdin(input).output().expect("run iotlabel");
    crate::util::Run {
        code: out.status.code().expect("exited normally"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[test]
fn advise_with_a_profile_gives_fit_reasons_and_steps() {
    let cam = example("acme-cam-2.toml");
    let r = run(&["advise", "--profile", &profile("at-risk"), &cam, "--as-of", AS_OF, "--color", "never"]);
    r.expect_code(0);
    assert!(r.stdout.starts_with("Acme Cam 2 (acme-cam-2-b1-2-4-1): Poor fit\n"), "{}", r.stdout);
    for heading in
        ["  Why", "  After you buy it", "  If someone you know is a risk to you", "  Other options"]
    {
        assert!(r.stdout.lines().any(|l| l == heading), "no {heading:?} in\n{}", r.stdout);
    }
    assert!(r.stdout.contains("Updates stop in 27 months; you keep devices about 4 years."), "{}", r.stdout);
    // No colour codes when stdout is not a terminal.
    assert!(!r.stdout.contains('\u{1b}'));
    // French.
    let fr = run(&["advise", "--profile", &profile("at-risk"), &cam, "--as-of", AS_OF, "--lang", "fr"]);
    fr.expect_code(0);
    assert!(fr.stdout.contains("Les mises à jour cessent dans 27 mois"), "{}", fr.stdout);
}

#[test]
fn advise_json_validates_and_the_profiles_differ() {
    let v = validator("advice");
    let cam = example("acme-cam-2.toml");
    let mut seen = Vec::new();
    for name in ["family-young-children", "at-risk", "tech-comfortable-alone", "older-alone"] {
        let r = run(&["advise", "--profile", &profile(name), &cam, "--as-of", AS_OF, "--format", "json"]);
        r.expect_code(0);
        let doc = r.json();
        valid(&v, &doc, name);
        assert_eq!(doc["format"], "iotlabel-advice");
        assert_eq!(doc["ranked"], false);
        let d = &doc["devices"][0];
        assert_eq!(d["label_id"], "acme-cam-2-b1-2-4-1");
        seen.push((d["fit"].clone(), d["reasons"].clone(), d["steps"].clone(), d["safety_steps"].clone()));
    }
    for (i, a) in seen.iter().enumerate() {
        for b in &seen[i + 1..] {
            assert_ne!(a, b, "two example profiles get the same advice");
        }
    }
}

#[test]
fn compare_ranks_the_devices_for_the_person() {
    let devices =
        ["acme-cam-2.toml", "plugsafe-mini.toml", "budget-cam-universal-password.toml"].map(example);
    let mut args = vec!["compare"];
    args.extend(devices.iter().map(String::as_str));
    args.extend([
        "--profile",
        "examples/profiles/tech-comfortable-alone.toml",
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]);
    let r = run(&args);
    r.expect_code(0);
    let doc = r.json();
    valid(&validator("advice"), &doc, "compare");
    let ranked: Vec<(&str, i64)> = doc["devices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["label_id"].as_str().unwrap(), d["rank"].as_i64().unwrap()))
        .collect();
    assert_eq!(ranked.len(), 3);
    assert_eq!(ranked[0], ("plugsafe-mini-ps-m1-1-4-0", 1), "{ranked:?}");
    assert_eq!(ranked.iter().map(|r| r.1).collect::<Vec<_>>(), [1, 2, 3]);
    assert!(ranked[2].0.starts_with("budgetvision-"), "{ranked:?}");
    // The text form lists the ranking first.
    let mut text_args = args.clone();
    text_args.truncate(text_args.len() - 2);
    let t = run(&text_args);
    t.expect_code(0);
    assert!(t.stdout.starts_with("Ranked for you\n  1. PlugSafe Mini"), "{}", t.stdout);
    // One device is not a comparison.
    run(&["compare", &devices[0], "--profile", "examples/profiles/at-risk.toml"]).expect_code(2);
}

#[test]
fn glossary_in_both_languages() {
    let v = validator("glossary");
    let en = run(&["glossary", "--format", "json"]);
    en.expect_code(0);
    let fr = run(&["glossary", "--format", "json", "--lang", "fr"]);
    fr.expect_code(0);
    let (en, fr) = (en.json(), fr.json());
    valid(&v, &en, "en");
    valid(&v, &fr, "fr");
    let n = en["entries"].as_array().unwrap().len();
    assert!(n >= 20, "{n} entries");
    assert_eq!(fr["entries"].as_array().unwrap().len(), n);
    assert_eq!(en["entries"][1]["term"], "Support period");
    assert_ne!(en["entries"][1]["why"], fr["entries"][1]["why"]);
    let text = run(&["glossary", "--color", "never"]);
    text.expect_code(0);
    assert!(
        text.stdout.contains("Default password\n  The password a device has when it leaves the factory."),
        "{}",
        text.stdout
    );
    run(&["glossary", "--lang", "de"]).expect_code(2);
}

#[test]
fn the_example_profiles_validate_against_the_profile_schema() {
    let v = validator("profile");
    for name in ["family-young-children", "at-risk", "tech-comfortable-alone", "older-alone"] {
        let text = std::fs::read_to_string(crate::util::root().join(profile(name))).unwrap();
        let doc: serde_json::Value = toml::from_str(&text).unwrap();
        valid(&v, &doc, name);
    }
}

/// Not a terminal: one answer per line, in the questionnaire's order; an empty line takes the
/// default; the profile goes to stdout, or to --save.
#[test]
fn the_questionnaire_reads_answers_from_standard_input() {
    let answers = "bedroom\nyoung-children, at-risk\n\n7\nnone\nlow\n3\nyes\n\nyes\n";
    let r = run_stdin(&["advise"], answers);
    r.expect_code(0);
    let p: toml::Table = toml::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout));
    assert_eq!(p["version"].as_integer(), Some(1));
    assert_eq!(p["place"].as_str(), Some("bedroom"));
    assert_eq!(p["household"].as_array().unwrap().len(), 2);
    assert_eq!(p["worries"].as_array().unwrap().len(), 0, "the default");
    assert_eq!(p["keep_years"].as_integer(), Some(7));
    assert_eq!(p["cloud"].as_str(), Some("none"));
    assert_eq!(p["works_without_internet"].as_bool(), Some(false), "the default");
    assert_eq!(p["no_data_sold"].as_bool(), Some(true));

    // The same answers with devices: advice straight away.
    let cam = example("acme-cam-2.toml");
    let r = run_stdin(&["advise", &cam, "--as-of", AS_OF, "--format", "json"], answers);
    r.expect_code(0);
    let doc = r.json();
    assert_eq!(doc["profile"]["place"], "bedroom");
    assert_eq!(doc["devices"][0]["fit"], "fails-must-haves");
}

/// A bad answer stops with the line and the question named; the answers before it are kept and
/// the questionnaire goes on from there with --resume.
#[test]
fn answers_are_saved_and_resumed() {
    let dir = tempdir();
    let saved = dir.path().join("me.toml");
    let saved = saved.to_str().unwrap();
    let r = run_stdin(&["advise", "--save", saved], "bedroom\nyoung-children\nghosts\n");
    r.expect_code(2);
    assert!(r.stderr.contains("standard input, line 3: `worries`: unknown answer `ghosts`"), "{}", r.stderr);
    assert!(r.stderr.contains("expected: any of audio-video, location"), "{}", r.stderr);
    assert!(r.stderr.contains(&format!("go on with --resume {saved}")), "{}", r.stderr);
    let kept = std::fs::read_to_string(saved).unwrap();
    assert_eq!(kept, "version = 1\nplace = \"bedroom\"\nhousehold = [\"young-children\"]\n");

    // Resume: only the questions left are read (worries first).
    let r = run_stdin(&["advise", "--resume", saved, "--save", saved], "location\n9\n");
    r.expect_code(0);
    assert!(r.stdout.is_empty(), "saved, not printed: {}", r.stdout);
    let done: toml::Table = toml::from_str(&std::fs::read_to_string(saved).unwrap()).unwrap();
    assert_eq!(done["place"].as_str(), Some("bedroom"));
    assert_eq!(done["worries"].as_array().unwrap()[0].as_str(), Some("location"));
    assert_eq!(done["keep_years"].as_integer(), Some(9));
    // The saved profile is a profile.
    run(&["advise", "--profile", saved, &example("plugsafe-mini.toml"), "--as-of", AS_OF]).expect_code(0);
}

#[test]
fn bad_profiles_and_arguments_get_clear_messages() {
    let dir = tempdir();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "version = 1\nplace = \"garage\"\nkeep_yaers = 4\n").unwrap();
    let bad = bad.to_str().unwrap();
    let cam = example("acme-cam-2.toml");
    let r = run(&["advise", "--profile", bad, &cam]);
    r.expect_code(2);
    assert!(r.stderr.contains("bad.toml: 2 problems"), "{}", r.stderr);
    assert!(r.stderr.contains(":2:9"), "{}", r.stderr);
    assert!(r.stderr.contains("unknown answer `garage`"), "{}", r.stderr);
    assert!(r.stderr.contains("did you mean `keep_years`?"), "{}", r.stderr);

    let old = dir.path().join("old.toml");
    std::fs::write(&old, "version = 0\nwhere = \"bedroom\"\n").unwrap();
    let r = run(&["advise", "--profile", old.to_str().unwrap(), &cam]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("this profile is version 0, from an older iotlabel; this one reads version 1"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("iotlabel advise --save me.toml"), "{}", r.stderr);

    let r = run(&["advise", "--profile", &profile("at-risk")]);
    r.expect_code(2);
    assert!(r.stderr.contains("--profile needs at least one DEVICE"), "{}", r.stderr);
    run(&["advise", "--profile", &profile("at-risk"), &cam, "--lang", "xx"]).expect_code(2);
    run(&["advise", "--profile", "no/such/profile.toml", &cam]).expect_code(2);
    let r = run_stdin(&["advise"], "bedroom\n\n\nfive\n");
    r.expect_code(2);
    assert!(r.stderr.contains("line 4: `keep_years`: `five` is not a whole number"), "{}", r.stderr);
}

/// In a real terminal (a pseudo-terminal from `script`, util-linux, Essential in Debian): arrow
/// keys move, Space picks, Enter takes the highlighted answer or the default, Esc goes back to the
/// previous question; every answer is saved as it is given.
#[test]
fn the_questionnaire_works_in_a_terminal() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    use std::time::Duration;
    let dir = tempdir();
    let saved = dir.path().join("me.toml");
    let command =
        format!("{} --color never advise --save {}", env!("CARGO_BIN_EXE_iotlabel"), saved.display());
    let mut child = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(crate::util::root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("`script` (util-linux) runs the questionnaire in a pseudo-terminal");
    let mut keys = child.stdin.take().unwrap();
    let down = "\x1b[B";
    let steps: Vec<String> = vec![
        format!("{down}\r"),       // place: living-room (default) -> kitchen
        " \r".into(),              // household: young-children
        "\x1b".into(),             // worries: Esc, back to household
        "\r".into(),               // household: kept as answered
        "\r".into(),               // worries: none
        format!("{down}{down}\r"), // keep_years: 5 -> 7
        "\r\r\r\r\r\r".into(),     // the rest: defaults
    ];
    for s in steps {
        keys.write_all(s.as_bytes()).unwrap();
        keys.flush().unwrap();
        std::thread::sleep(Duration::from_millis(400));
    }
    drop(keys);
    let out = child.wait_with_output().unwrap();
    let screen = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{screen}");
    let p: toml::Table = toml::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    assert_eq!(p["place"].as_str(), Some("kitchen"), "{p:?}");
    assert_eq!(p["household"].as_array().unwrap().len(), 1, "{p:?}");
    assert_eq!(p["household"][0].as_str(), Some("young-children"));
    assert_eq!(p["keep_years"].as_integer(), Some(7), "{p:?}");
    assert_eq!(p["no_data_sold"].as_bool(), Some(false));
    assert!(screen.contains("Where will the device be?"), "{screen}");
}

/// The campaign kit: one PDF per topic and language, named by topic and language.
#[test]
fn explainers_are_written_per_topic_and_language() {
    let dir = tempdir();
    let out = dir.path().to_str().unwrap();
    let r = run(&["explainers", "--out", out, "--topic", "updates,someone-you-know"]);
    r.expect_code(0);
    let mut files: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["someone-you-know.en.pdf", "someone-you-know.fr.pdf", "updates.en.pdf", "updates.fr.pdf"]
    );
    let pdf = std::fs::read(dir.path().join("updates.fr.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(r.stdout.lines().count(), 4);
    let svg = run(&["explainers", "--out", out, "--lang", "en", "--format", "svg", "--topic", "passwords"]);
    svg.expect_code(0);
    let text = std::fs::read_to_string(dir.path().join("passwords.en.svg")).unwrap();
    assert!(text.contains("Passwords and logins"), "{text}");
    let bad = run(&["explainers", "--out", out, "--topic", "pasword"]);
    bad.expect_code(2);
    assert!(
        bad.stderr.contains("unknown topic `pasword`") && bad.stderr.contains("did you mean `passwords`?"),
        "{}",
        bad.stderr
    );
}

/// The gap analysis over every example: CSV with a row per fact and group, JSON that validates.
#[test]
fn gaps_over_the_examples() {
    let devices = crate::util::examples();
    let mut args = vec!["gaps", "--as-of", AS_OF, "--format", "json"];
    args.extend(devices.iter().map(String::as_str));
    let r = run(&args);
    r.expect_code(0);
    let doc = r.json();
    valid(&validator("gaps"), &doc, "gaps");
    assert_eq!(doc["devices"].as_u64(), Some(devices.len() as u64));
    let rows = doc["rows"].as_array().unwrap().len();
    args[4] = "csv";
    let csv = run(&args);
    csv.expect_code(0);
    assert!(csv.stdout.starts_with("scope,group,fact,bad,devices,share\r\n"));
    assert_eq!(csv.stdout.lines().count(), rows + 1);
    args[4] = "text";
    let text = run(&[&args[..], &["--color", "never"]].concat());
    text.expect_code(0);
    assert!(text.stdout.contains("where a campaign would help most"), "{}", text.stdout);
    assert!(text.stdout.contains("default-password"), "{}", text.stdout);
}
