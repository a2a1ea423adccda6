//! Running the binary and reading what it printed.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The date every assessment is judged at, so support periods do not drift with the calendar.
pub const AS_OF: &str = "2026-11-22";

/// The built-in framework ids, in catalog order.
pub const FRAMEWORKS: [&str; 7] =
    ["etsi-en-303-645", "nist-ir-8425", "uk-psti", "eu-cra", "sg-cls", "jp-jc-star", "digital-standard"];

/// The workspace root: commands run from here, so paths read like the README's examples.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `iotlabel`, built by Cargo for this test run, started in the workspace root with a clean
/// environment for colour and logging.
pub fn iotlabel() -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("iotlabel");
    cmd.current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("RUST_LOG");
    cmd
}

/// Path of a test fixture, relative to the workspace root (as a user would type it).
pub fn data(rel: &str) -> String {
    format!("crates/cli/tests/data/{rel}")
}

/// Path of an example device declaration, relative to the workspace root.
pub fn example(name: &str) -> String {
    format!("examples/devices/{name}")
}

/// Every example declaration, relative to the workspace root, sorted.
pub fn examples() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root().join("examples/devices"))
        .expect("examples/devices exists")
        .map(|e| format!("examples/devices/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    v.sort();
    assert!(v.len() >= 10, "expected the example declarations, found {v:?}");
    v
}

/// A fresh temporary directory, removed when dropped.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new().prefix("iotlabel-it-").tempdir().expect("create a temporary directory")
}

/// What one run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Stdout as JSON, with the output in the panic message when it does not parse.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!("stdout is not JSON ({e}):\n{}\nstderr:\n{}", self.stdout, self.stderr)
        })
    }

    /// Asserts the exit code, showing both streams when it differs.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code, code,
            "unexpected exit code\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.stdout, self.stderr
        );
        self.no_panic()
    }

    /// Asserts nothing panicked and no internal error (exit 3) was reported.
    #[track_caller]
    pub fn no_panic(&self) -> &Self {
        assert!(!self.stderr.contains("panicked"), "the binary panicked:\n{}", self.stderr);
        assert!(
            !self.stderr.lines().any(|l| l.starts_with("internal error:")),
            "internal error (exit 3):\n{}",
            self.stderr
        );
        self
    }
}

/// Runs `iotlabel` with `args` (from the workspace root) and collects its output.
pub fn run(args: &[&str]) -> Run {
    let out = iotlabel().args(args).output().expect("run iotlabel");
    Run {
        code: out.status.code().expect("iotlabel exited normally, not by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs `iotlabel` with its stdout connected to a pipe whose reading end is already closed, as in
/// `iotlabel ... | head` once `head` has exited: every write fails with EPIPE, whatever the timing
/// or the size of the output. Returns the exit code and stderr.
pub fn run_into_closed_pipe(args: &[&str]) -> (Option<i32>, String) {
    use std::io::Read;
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin!("iotlabel"))
        .args(args)
        .current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("RUST_LOG")
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    (child.wait().unwrap().code(), stderr)
}

/// True when `s` contains `<file>:<line>:<column>:` with both numbers 1 or more.
pub fn has_location(s: &str, file: &str) -> bool {
    let prefix = format!("{file}:");
    s.match_indices(&prefix).any(|(i, _)| {
        let rest = &s[i + prefix.len()..];
        let mut parts = rest.splitn(3, ':');
        let (Some(line), Some(col), Some(_)) = (parts.next(), parts.next(), parts.next()) else {
            return false;
        };
        let positive =
            |n: &str| n.bytes().all(|b| b.is_ascii_digit()) && n.parse::<usize>().is_ok_and(|n| n > 0);
        positive(line) && positive(col)
    })
}

/// Splits one CSV record, honouring double quotes (and `""` inside them).
pub fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    assert!(!quoted, "unbalanced quotes in CSV line: {line}");
    fields.push(cur);
    fields
}

#[test]
fn helpers_work() {
    assert!(has_location("  a.toml:3:14: x", "a.toml"));
    assert!(!has_location("  a.toml:0:0: x", "a.toml"));
    assert!(!has_location("  a.toml: x: y: z", "a.toml"));
    assert_eq!(csv_fields(r#"a,"b, c","say ""hi""",,"#), ["a", "b, c", r#"say "hi""#, "", ""]);
}
