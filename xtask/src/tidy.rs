//! `cargo xtask tidy`: the rules of ARCHITECTURE.md, checked by a machine.
//!
//! - The pure crates depend, directly or through any normal dependency, on no async runtime,
//!   database, HTTP or CLI crate, and their sources (outside tests) use no filesystem, network,
//!   process or environment API.
//! - Only the binaries (the CLI, and the server to come) depend on storage backends; a backend
//!   crate (`iotlabel-store-*`) depends on its database driver, and on no other backend.
//! - No library depends on the CLI.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result, bail};
use serde_json::Value;

/// Crates that must stay pure: data in, data out.
pub const PURE: &[&str] = &[
    "iotlabel-model",
    "iotlabel-catalog",
    "iotlabel-i18n",
    "iotlabel-assess",
    "iotlabel-label",
    "iotlabel-render",
    "iotlabel-raster",
    "iotlabel-documents",
    "iotlabel-tlog",
    "iotlabel-statement",
    "iotlabel-registry",
    // issue 16
    "iotlabel-advice",
    "iotlabel-campaign",
    "iotlabel-mud",
    // issue 15: flow audit
    "iotlabel-flows",
    // issue 14: evidence importers
    "iotlabel-import",
    // issue 14: observed against declared
    "iotlabel-capture",
    "iotlabel-observe",
];

/// Crates that may depend on storage backends and services (binaries and their glue).
pub const BINARIES: &[&str] = &["iotlabel-cli", "xtask"];

/// Packages a pure crate may not reach through its normal dependencies.
const FORBIDDEN_IN_PURE: &[&str] = &[
    "tokio",
    "async-std",
    "smol",
    "mio",
    "hyper",
    "reqwest",
    "ureq",
    "axum",
    "actix-web",
    "rusqlite",
    "libsqlite3-sys",
    "sqlx",
    "postgres",
    "tokio-postgres",
    "diesel",
    "async-nats",
    "clap",
    "anstream",
    "indicatif",
    "tracing-subscriber",
    "iotlabel-cli",
    "iotlabel-advertise",
    // issue 15: the flow stream (NATS) is I/O; `iotlabel-flows` stays pure below it.
    "iotlabel-flows-stream",
];

/// Storage backends: only binaries may depend on them (directly).
fn is_backend(name: &str) -> bool {
    name.starts_with("iotlabel-store-")
        || ["rusqlite", "sqlx", "postgres", "tokio-postgres", "diesel"].contains(&name)
}

/// Source text a pure crate may not contain outside `#[cfg(test)]` modules.
const FORBIDDEN_APIS: &[&str] = &[
    "std::fs",
    "std::net",
    "std::process",
    "std::env::",
    "File::open",
    "File::create",
    "tokio::",
    "TcpStream",
];

pub fn run(root: &Path) -> Result<()> {
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(root)
        .output()
        .context("running cargo metadata")?;
    if !out.status.success() {
        bail!("cargo metadata failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let meta: Value = serde_json::from_slice(&out.stdout)?;
    let problems = check(&meta, root)?;
    if problems.is_empty() {
        println!("tidy: {} pure crates, every rule holds", PURE.len());
        Ok(())
    } else {
        for p in &problems {
            eprintln!("tidy: {p}");
        }
        bail!("{} architecture rule(s) broken (see ARCHITECTURE.md)", problems.len())
    }
}

/// Every broken rule, as a sentence.
pub fn check(meta: &Value, root: &Path) -> Result<Vec<String>> {
    let packages = meta["packages"].as_array().context("no packages")?;
    let name_of: BTreeMap<&str, &str> =
        packages.iter().filter_map(|p| Some((p["id"].as_str()?, p["name"].as_str()?))).collect();
    let members: BTreeSet<&str> = meta["workspace_members"]
        .as_array()
        .context("no workspace members")?
        .iter()
        .filter_map(|m| name_of.get(m.as_str()?).copied())
        .collect();
    // Normal (non-dev, non-build) dependency edges of the resolved graph.
    let mut normal: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for node in meta["resolve"]["nodes"].as_array().context("no resolve graph")? {
        let Some(from) = node["id"].as_str().and_then(|id| name_of.get(id).copied()) else { continue };
        for dep in node["deps"].as_array().into_iter().flatten() {
            let is_normal =
                dep["dep_kinds"].as_array().is_some_and(|kinds| kinds.iter().any(|k| k["kind"].is_null()));
            if let (true, Some(to)) = (is_normal, dep["pkg"].as_str().and_then(|id| name_of.get(id).copied()))
            {
                normal.entry(from).or_default().insert(to);
            }
        }
    }
    let mut problems = Vec::new();
    for pure in PURE {
        if !members.contains(pure) {
            problems.push(format!("{pure} is listed as pure but is not a workspace member"));
            continue;
        }
        // Everything reachable through normal dependencies, with the path to it.
        let mut seen: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let mut stack = vec![(*pure, vec![*pure])];
        while let Some((at, path)) = stack.pop() {
            for &next in normal.get(at).into_iter().flatten() {
                if seen.contains_key(next) {
                    continue;
                }
                let mut p = path.clone();
                p.push(next);
                seen.insert(next, p.clone());
                stack.push((next, p));
            }
        }
        for bad in FORBIDDEN_IN_PURE {
            if let Some(path) = seen.get(bad) {
                problems.push(format!("pure crate {pure} depends on {bad} ({})", path.join(" -> ")));
            }
        }
        let dir = packages
            .iter()
            .find(|p| p["name"] == *pure)
            .and_then(|p| p["manifest_path"].as_str())
            .and_then(|m| Path::new(m).parent().map(Path::to_path_buf))
            .unwrap_or_else(|| root.join("crates"));
        for (file, line, api) in io_uses(&dir.join("src"))? {
            problems.push(format!("pure crate {pure} uses {api} at {file}:{line}"));
        }
    }
    for member in &members {
        for dep in normal.get(member).into_iter().flatten() {
            // A backend crate holds its own driver; it may not pull in another backend crate.
            let driver_of_backend =
                member.starts_with("iotlabel-store-") && !dep.starts_with("iotlabel-store-");
            if is_backend(dep) && !BINARIES.contains(member) && !driver_of_backend {
                problems.push(format!("{member} depends on the storage backend {dep}; only binaries may"));
            }
            if *dep == "iotlabel-cli" && !BINARIES.contains(member) {
                problems.push(format!("{member} depends on the CLI; libraries never do"));
            }
        }
    }
    Ok(problems)
}

/// Uses of I/O APIs in the Rust sources under `dir`, skipping `#[cfg(test)]` modules (which
/// start at the attribute and run to the end of the file, as in this project's layout).
fn io_uses(dir: &Path) -> Result<Vec<(String, usize, &'static str)>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).with_context(|| format!("reading {}", d.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path)?;
                for (i, line) in text.lines().enumerate() {
                    if line.trim_start().starts_with("#[cfg(test)]") {
                        break;
                    }
                    let code = line.split("//").next().unwrap_or("");
                    for api in FORBIDDEN_APIS {
                        if code.contains(api) {
                            out.push((path.display().to_string(), i + 1, *api));
                        }
                    }
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rules catch what they are for: a made-up graph where a pure crate reaches tokio
    /// through another crate, and a library depends on the CLI.
    #[test]
    fn a_broken_rule_is_reported_with_its_path() {
        let meta = serde_json::json!({
            "packages": [
                {"id": "m", "name": "iotlabel-model", "manifest_path": "/nonexistent/model/Cargo.toml"},
                {"id": "x", "name": "helper", "manifest_path": "/nonexistent/helper/Cargo.toml"},
                {"id": "t", "name": "tokio", "manifest_path": "/nonexistent/tokio/Cargo.toml"},
                {"id": "a", "name": "iotlabel-assess", "manifest_path": "/nonexistent/assess/Cargo.toml"},
                {"id": "c", "name": "iotlabel-cli", "manifest_path": "/nonexistent/cli/Cargo.toml"},
            ],
            "workspace_members": ["m", "a", "c"],
            "resolve": {"nodes": [
                {"id": "m", "deps": [{"pkg": "x", "dep_kinds": [{"kind": null}]}]},
                {"id": "x", "deps": [{"pkg": "t", "dep_kinds": [{"kind": null}]}]},
                {"id": "a", "deps": [{"pkg": "c", "dep_kinds": [{"kind": "dev"}]}]},
            ]},
        });
        let err = check(&meta, Path::new("/nonexistent")).err();
        // The sources of the made-up crates do not exist: reading them fails, which is reported.
        assert!(err.is_some());
        let problems = check_graph_only(&meta);
        assert!(
            problems
                .iter()
                .any(|p| p.contains("iotlabel-model depends on tokio (iotlabel-model -> helper -> tokio)")),
            "{problems:?}"
        );
        // A dev-dependency on the CLI is allowed (tests drive the binary).
        assert!(!problems.iter().any(|p| p.contains("iotlabel-assess depends on the CLI")), "{problems:?}");
    }

    /// [`check`] without the source scan.
    fn check_graph_only(meta: &Value) -> Vec<String> {
        let dir = tempfile_dir();
        let mut meta = meta.clone();
        for p in meta["packages"].as_array_mut().unwrap() {
            let name = p["name"].as_str().unwrap().to_string();
            std::fs::create_dir_all(dir.join(&name).join("src")).unwrap();
            p["manifest_path"] = Value::String(dir.join(&name).join("Cargo.toml").display().to_string());
        }
        check(&meta, &dir).unwrap()
    }

    fn tempfile_dir() -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("xtask-tidy-{}", std::process::id()));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    /// The real workspace keeps every rule.
    #[test]
    fn the_workspace_keeps_the_rules() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let out = Command::new(env!("CARGO"))
            .args(["metadata", "--format-version", "1"])
            .current_dir(&root)
            .output()
            .unwrap();
        let meta: Value = serde_json::from_slice(&out.stdout).unwrap();
        let problems = check(&meta, &root).unwrap();
        assert!(problems.is_empty(), "{problems:#?}");
    }
}
