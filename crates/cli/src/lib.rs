//! The `iotlabel` binary: argument parsing, file reading and output only. All judgement lives in
//! the library crates.

mod advice_cmds;
pub mod args;
mod audit_cmd;
mod commands;
pub mod discover_cmd;
pub mod evidence_args;
mod evidence_cmds;
pub mod mud_args;
mod mud_cmds;
mod observe_cmd;
mod output;
mod registry_cmds;
pub mod scan_args;
mod scan_cmd;
pub mod schemas;
mod stream_cmd;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

pub use args::Cli;
pub use commands::MAX_INPUT_BYTES;

/// An error that decides the exit code.
#[derive(Debug)]
pub enum Failure {
    /// Bad input from the user: exit 2. Already printed when `printed` is true.
    Input { message: String, printed: bool },
    /// A bug or an I/O failure on output: exit 3.
    Internal(anyhow::Error),
    /// `verify`: a signature, proof or checkpoint does not verify, or a split view: exit 4.
    Unverified(String),
    /// The registry (or its database) could not be reached or failed: exit 5.
    Unreachable(String),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Internal(e)
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Internal(e.into())
    }
}

pub fn input_error(message: impl Into<String>) -> Failure {
    Failure::Input { message: message.into(), printed: false }
}

/// Outcome of a successful command: exit 0 or 1.
pub enum Done {
    Ok,
    NotConformant,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.color {
        args::ColorChoice::Always => anstream::ColorChoice::Always.write_global(),
        args::ColorChoice::Never => anstream::ColorChoice::Never.write_global(),
        args::ColorChoice::Auto => {}
    }
    // After the colour choice: logs follow the same decision as the rest of stderr.
    init_logging(cli.verbose);
    match commands::run(cli) {
        Ok(Done::Ok) => ExitCode::SUCCESS,
        Ok(Done::NotConformant) => ExitCode::from(1),
        Err(Failure::Input { message, printed }) => {
            if !printed {
                let _ = writeln!(anstream::stderr(), "error: {}", output::lines(&message));
            }
            ExitCode::from(2)
        }
        Err(Failure::Unverified(message)) => {
            let _ = writeln!(anstream::stderr(), "error: does not verify: {}", output::lines(&message));
            ExitCode::from(4)
        }
        Err(Failure::Unreachable(message)) => {
            let _ = writeln!(anstream::stderr(), "error: {}", output::lines(&message));
            ExitCode::from(5)
        }
        Err(Failure::Internal(e)) => {
            // A closed pipe (e.g. `| head`) is not an error. (Commands whose exit code carries a
            // result, like `assess`, handle it themselves and keep that code.)
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(anstream::stderr(), "internal error: {e:#}");
            ExitCode::from(3)
        }
    }
}

/// Whether `e` comes from writing to a pipe whose reader has gone.
pub(crate) fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Whether text written to stderr should carry colour: the same decision anstream makes for
/// everything else written there (`--color`, `NO_COLOR`, `CLICOLOR_FORCE`, a terminal or not).
fn stderr_colour() -> bool {
    anstream::AutoStream::choice(&std::io::stderr()) != anstream::ColorChoice::Never
}

fn init_logging(verbose: u8) {
    let level = match verbose {
        0 => "warn",
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(stderr_colour())
        .with_writer(std::io::stderr)
        .try_init();
}
