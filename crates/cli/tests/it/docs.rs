//! Help, version, man page and completions.

use crate::util::run;

const SUBCOMMANDS: [&str; 9] = [
    "validate",
    "assess",
    "frameworks",
    "crosswalk",
    "label",
    "documents",
    "advertise",
    "schema",
    "generate",
];

#[test]
fn every_subcommand_help_has_examples() {
    for sub in SUBCOMMANDS {
        let r = run(&[sub, "--help"]);
        r.expect_code(0);
        assert!(r.stdout.contains("Examples:"), "`iotlabel {sub} --help` has no Examples:\n{}", r.stdout);
        assert!(r.stdout.contains(&format!("iotlabel {sub}")), "examples of {sub} use {sub}:\n{}", r.stdout);
    }
}

#[test]
fn help_subcommand_matches_help_flag() {
    for sub in SUBCOMMANDS {
        assert_eq!(run(&["help", sub]).stdout, run(&[sub, "--help"]).stdout, "{sub}");
    }
}

#[test]
fn top_level_help_mentions_exit_codes_and_subcommands() {
    let r = run(&["--help"]);
    r.expect_code(0);
    assert!(r.stdout.contains("Exit codes:"), "{}", r.stdout);
    for code in ["0 ", "1 ", "2 ", "3 "] {
        assert!(r.stdout.contains(&format!("  {code}")), "exit code {code}undocumented");
    }
    for sub in SUBCOMMANDS {
        assert!(r.stdout.contains(sub), "{sub} not listed in --help");
    }
    // `-h` is the short form, without long_about but with the exit codes.
    let short = run(&["-h"]);
    short.expect_code(0);
    assert!(short.stdout.contains("Exit codes:"));
}

#[test]
fn assess_help_documents_its_exit_codes() {
    let r = run(&["assess", "--help"]);
    assert!(r.stdout.contains("1  at least one is not conformant"), "{}", r.stdout);
}

#[test]
fn no_subcommand_is_a_usage_error() {
    let r = run(&[]);
    r.expect_code(2);
    assert!(r.stderr.contains("Usage:"), "{}", r.stderr);
}

#[test]
fn unknown_subcommand_suggests() {
    let r = run(&["asess"]);
    r.expect_code(2);
    assert!(r.stderr.contains("assess"), "{}", r.stderr);
}

#[test]
fn version() {
    let r = run(&["--version"]);
    r.expect_code(0);
    assert_eq!(r.stdout, format!("iotlabel {}\n", env!("CARGO_PKG_VERSION")));
    // propagate_version: subcommands answer too.
    run(&["assess", "--version"]).expect_code(0);
}

/// clap_mangen writes two `.ds Aq` string definitions before the title, so `.TH` is the first
/// request after that preamble rather than the very first line.
#[test]
fn man_page() {
    let r = run(&["generate", "man"]);
    r.expect_code(0);
    let first_request = r
        .stdout
        .lines()
        .find(|l| !l.starts_with(".ie") && !l.starts_with(".el") && !l.starts_with(".\\\""))
        .unwrap_or_default();
    assert!(first_request.starts_with(".TH iotlabel 1"), "first request: {first_request:?}");
    assert!(r.stdout.contains(".SH NAME"));
    assert!(r.stdout.contains("Exit codes:"), "the man page carries the exit codes");
}

#[test]
fn shell_completions() {
    for (shell, marker) in [
        ("bash", "complete"),
        ("zsh", "#compdef iotlabel"),
        ("fish", "complete -c iotlabel"),
        ("powershell", "Register-ArgumentCompleter"),
        ("elvish", "edit:completion"),
    ] {
        let r = run(&["generate", shell]);
        r.expect_code(0);
        assert!(r.stdout.contains("iotlabel"), "{shell} completion does not mention iotlabel");
        assert!(r.stdout.contains(marker), "{shell} completion lacks {marker:?}");
        assert!(r.stdout.contains("crosswalk"), "{shell} completion lacks the subcommands");
    }
}
