//! `cargo xtask codegen`: rewrite the checked-in JSON Schemas from the Rust types.
//! `cargo xtask dist`: write the man page and shell completions into target/dist/.
//! `cargo xtask tidy`: check the architecture rules of ARCHITECTURE.md against `cargo metadata`
//! and the sources.
//! `cargo xtask test`: everything CI runs (the README's test command; `.ci/run` calls it).

mod test;
mod tidy;

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::CommandFactory;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn main() -> Result<()> {
    let task = std::env::args().nth(1).unwrap_or_default();
    match task.as_str() {
        "codegen" => codegen(),
        "dist" => dist(),
        "tidy" => tidy::run(&root()),
        "test" => test::run(&root()),
        _ => bail!(
            "usage: cargo xtask <codegen|dist|tidy|test>\n  codegen  rewrite schema/*.schema.json\n  dist     man page and completions into target/dist/\n  tidy     check the architecture rules (crate dependencies, no I/O in pure crates)\n  test     everything CI runs: tools, fmt, clippy, tests, tidy, fuzz check, quick benches"
        ),
    }
}

fn codegen() -> Result<()> {
    for p in iotlabel_cli::schemas::all() {
        let path = root().join("schema").join(p.file);
        fs::write(&path, serde_json::to_string_pretty(&p.schema)? + "\n")
            .with_context(|| format!("writing {}", path.display()))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

fn dist() -> Result<()> {
    let dir = root().join("target/dist");
    fs::create_dir_all(dir.join("completions"))?;
    let cmd = iotlabel_cli::Cli::command();
    let mut man = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut man)?;
    fs::write(dir.join("iotlabel.1"), man)?;
    for shell in [
        clap_complete::Shell::Bash,
        clap_complete::Shell::Zsh,
        clap_complete::Shell::Fish,
        clap_complete::Shell::PowerShell,
    ] {
        clap_complete::generate_to(shell, &mut cmd.clone(), "iotlabel", dir.join("completions"))?;
    }
    println!("wrote {}", dir.display());
    Ok(())
}
