//! Test fixtures shared by the crates' tests (a dev-dependency only): the example declarations
//! under `examples/devices/` and the date golden files speak for. It reads files, so it stays out
//! of the libraries' normal dependencies.

pub mod load;
pub mod netns;

use std::path::{Path, PathBuf};

use std::sync::LazyLock;

use chrono::NaiveDate;
use iotlabel_assess::Engine;
use iotlabel_catalog::Catalogs;
use iotlabel_model::{Declaration, Format, parse_declaration};

/// The engine over the built-in catalogs, built once for a whole test binary.
pub fn engine() -> &'static Engine<'static> {
    static ENGINE: LazyLock<Engine<'static>> = LazyLock::new(|| Engine::new(Catalogs::builtin()));
    &ENGINE
}

/// The date golden files and snapshots are judged at, so support periods do not drift.
pub fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("a valid date")
}

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every example declaration, `(file stem, declaration)`, sorted by file name. Panics with the
/// located diagnostics if one is invalid.
pub fn examples() -> Vec<(String, Declaration)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("examples/devices"))
        .expect("examples/devices exists")
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| Format::from_path(p).is_some())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_stem().expect("a file name").to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).expect("readable example");
            let format = Format::from_path(&p).expect("toml or json");
            let d = parse_declaration(&name, &text, format)
                .unwrap_or_else(|e| panic!("example {name} is invalid:\n{e}"));
            (name, d)
        })
        .collect()
}

/// One example by file stem, e.g. `example("acme-cam-2")`.
pub fn example(stem: &str) -> Declaration {
    examples()
        .into_iter()
        .find(|(n, _)| n == stem)
        .map(|(_, d)| d)
        .unwrap_or_else(|| panic!("no example named {stem}"))
}

/// Sets (or with `Value::Null` removes) a dotted field path (`updates.support_end`,
/// `communication.local_services.0.port`) in a declaration's JSON tree.
pub fn patch(v: &mut serde_json::Value, path: &str, new: serde_json::Value) {
    let mut parts: Vec<&str> = path.split('.').collect();
    let last = parts.pop().expect("a non-empty path");
    let mut cur = v;
    for p in parts {
        cur = match p.parse::<usize>() {
            Ok(i) => &mut cur[i],
            Err(_) => cur
                .as_object_mut()
                .unwrap_or_else(|| panic!("{path}: {p} is not in an object"))
                .entry(p)
                .or_insert_with(|| serde_json::json!({})),
        };
    }
    let obj = cur.as_object_mut().unwrap_or_else(|| panic!("{path}: not an object"));
    if new.is_null() {
        obj.remove(last);
    } else {
        obj.insert(last.to_string(), new);
    }
}

/// An example declaration with fields changed (see [`patch`]); panics with the located
/// diagnostics when the result is invalid.
pub fn patched(stem: &str, changes: &[(&str, serde_json::Value)]) -> Declaration {
    let mut v = serde_json::to_value(example(stem)).expect("serialises");
    for (path, new) in changes {
        patch(&mut v, path, new.clone());
    }
    let text = serde_json::to_string(&v).expect("serialises");
    parse_declaration(&format!("{stem} (patched)"), &text, Format::Json).unwrap_or_else(|e| panic!("{e}"))
}

/// `n` generated test evidence items about `decl` (the tested device named as it declares
/// itself), for tests and benchmarks of large evidence files. Like a scanner's file, nearly every
/// item is about a common control (each built-in control in turn, with a method it accepts); the
/// last tenth name framework requirements (the first four of each framework, in turn). Most results are passes, every tenth a failure
/// and every seventh inconclusive; the testers are two independent labs and, for one item in
/// five, the manufacturer itself. Deterministic: the same `n` gives the same items. (The
/// evidence parser accepts 10,000 items; this builds larger files directly.)
pub fn evidence_items(decl: &Declaration, n: usize) -> iotlabel_model::Evidence {
    use iotlabel_model::{EVIDENCE_VERSION, Evidence, EvidenceItem, TestResult, TestedDevice};
    let cats = Catalogs::builtin();
    let controls: Vec<(Option<String>, Option<String>, TestMethod)> = cats
        .controls
        .controls
        .iter()
        .map(|c| (Some(c.id.clone()), None, method(c.evidence_methods.first().map(String::as_str))))
        .collect();
    let requirements: Vec<(Option<String>, Option<String>, TestMethod)> = cats
        .frameworks
        .iter()
        .flat_map(|f| f.requirements.iter().take(4).map(move |r| format!("{}:{}", f.framework.id, r.id)))
        .map(|target| (None, Some(target), TestMethod::LabTest))
        .collect();
    let about = |i: usize| {
        let first_requirement = n - n.div_ceil(10);
        if i < first_requirement {
            controls[i % controls.len()].clone()
        } else {
            requirements[(i - first_requirement) % requirements.len()].clone()
        }
    };
    let labs =
        ["Example Test Lab", "Laboratoire Indépendant d'Essais", decl.identity.manufacturer.name.as_str()];
    let items = (0..n)
        .map(|i| {
            let (control, requirement, method) = about(i);
            EvidenceItem {
                id: format!("gen-{i:06}"),
                control,
                requirement,
                result: match i {
                    i if i % 10 == 3 => TestResult::Fail,
                    i if i % 7 == 5 => TestResult::Inconclusive,
                    _ => TestResult::Pass,
                },
                method,
                tester: labs[if i % 5 == 4 { 2 } else { i % 2 }].to_string(),
                date: as_of() - chrono::Duration::days(1 + (i % 60) as i64),
                summary: format!("Observation {i}: the device behaved as the test expected"),
                tool: (i % 3 == 0).then(|| "nmap 7.94".to_string()),
                source: None,
            }
        })
        .collect();
    let device = TestedDevice {
        brand: decl.identity.brand.clone(),
        model: decl.identity.model.clone(),
        firmware_version: Some(decl.identity.firmware_version.clone()),
    };
    Evidence { schema_version: EVIDENCE_VERSION.to_string(), device: Some(device), items }
}

use iotlabel_model::TestMethod;

fn method(name: Option<&str>) -> TestMethod {
    match name {
        Some("binary_analysis") => TestMethod::BinaryAnalysis,
        Some("penetration_test") => TestMethod::PenetrationTest,
        Some("network_test") => TestMethod::NetworkTest,
        Some("document_review") => TestMethod::DocumentReview,
        _ => TestMethod::LabTest,
    }
}

/// Every example under `examples/<sub>/` (`devices` or `evidence`), parsed and written back as
/// JSON: `(file path, JSON)`, sorted by file name (what the demo registry loads).
pub fn example_json(sub: &str) -> Vec<(String, serde_json::Value)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("examples").join(sub))
        .expect("the examples directory exists")
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| Format::from_path(p).is_some())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let file = p.display().to_string();
            let text = std::fs::read_to_string(&p).expect("readable example");
            let format = Format::from_path(&p).expect("toml or json");
            let json = if sub == "devices" {
                serde_json::to_value(
                    parse_declaration(&file, &text, format).unwrap_or_else(|e| panic!("{e}")),
                )
            } else {
                serde_json::to_value(
                    iotlabel_model::parse_evidence(&file, &text, format).unwrap_or_else(|e| panic!("{e}")),
                )
            };
            (file, json.expect("JSON"))
        })
        .collect()
}
