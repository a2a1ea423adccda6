//! Help, version, man page and completions.

use crate::util::run;

/// Every subcommand, read from the command-line definition itself (so a new one is checked too).
fn subcommands() -> Vec<String> {
    use clap::CommandFactory as _;
    iotlabel_cli::Cli::command().get_subcommands().map(|c| c.get_name().to_owned()).collect()
}

#[test]
fn every_subcommand_help_has_examples() {
    for sub in subcommands() {
        let sub = sub.as_str();
        let r = run(&[sub, "--help"]);
        r.expect_code(0);
        assert!(r.stdout.contains("Examples:"), "`iotlabel {sub} --help` has no Examples:\n{}", r.stdout);
        assert!(r.stdout.contains(&format!("iotlabel {sub}")), "examples of {sub} use {sub}:\n{}", r.stdout);
    }
}

#[test]
fn help_subcommand_matches_help_flag() {
    for sub in subcommands() {
        let sub = sub.as_str();
        assert_eq!(run(&["help", sub]).stdout, run(&[sub, "--help"]).stdout, "{sub}");
    }
}

#[test]
fn top_level_help_mentions_exit_codes_and_subcommands() {
    let r = run(&["--help"]);
    r.expect_code(0);
    assert!(r.stdout.contains("Exit codes:"), "{}", r.stdout);
    for code in ["0 ", "1 ", "2 ", "3 ", "4 ", "5 "] {
        assert!(r.stdout.contains(&format!("  {code}")), "exit code {code}undocumented");
    }
    for sub in subcommands() {
        let sub = sub.as_str();
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

/// Every argument and option of every subcommand says what it is for: no bare `--scheme
/// <SCHEME>` or `<A>` in the help.
#[test]
fn every_argument_and_option_is_described() {
    for sub in subcommands() {
        let sub = sub.as_str();
        // `-h` puts each description on the entry's line (or the next when the entry is long).
        let r = run(&[sub, "-h"]);
        r.expect_code(0);
        let lines: Vec<&str> = r.stdout.lines().collect();
        let mut in_list = false;
        for (i, line) in lines.iter().enumerate() {
            if *line == "Arguments:" || *line == "Options:" {
                in_list = true;
                continue;
            }
            if line.is_empty() || !line.starts_with(' ') {
                in_list = false;
                continue;
            }
            let entry = line.trim_start();
            let is_entry = in_list
                && line.starts_with("  ")
                && !line.starts_with("      ")
                && (entry.starts_with('-') || entry.starts_with('<') || entry.starts_with('['));
            if !is_entry {
                continue;
            }
            // The entry itself, then at least two spaces and a description, or a description on
            // the next, more indented line.
            let described = entry.split_once("  ").is_some_and(|(_, d)| !d.trim().is_empty())
                || lines.get(i + 1).is_some_and(|n| n.starts_with("          ") && !n.trim().is_empty());
            assert!(described, "`iotlabel {sub} -h`: {entry:?} has no description:\n{}", r.stdout);
        }
    }
}

#[test]
fn documents_and_advertise_help_explain_scheme_and_evidence() {
    let r = run(&["documents", "--help"]);
    r.expect_code(0);
    let after = |flag: &str| -> String {
        let i = r.stdout.find(flag).unwrap_or_else(|| panic!("{flag} missing:\n{}", r.stdout));
        r.stdout[i..].lines().take(3).collect::<Vec<_>>().join(" ")
    };
    assert!(after("-s, --scheme <SCHEME>").contains("uk-psti"), "{}", r.stdout);
    assert!(after("-e, --evidence <EVIDENCE>").contains("Test evidence"), "{}", r.stdout);
    let r = run(&["advertise", "--help"]);
    let i = r.stdout.find("-e, --evidence <EVIDENCE>").unwrap();
    assert!(r.stdout[i..].lines().take(2).collect::<String>().contains("Test evidence"), "{}", r.stdout);
}
