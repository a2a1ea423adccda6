//! Labels of the example devices and the example profiles, built once per test binary.
#![allow(dead_code)]

use std::sync::LazyLock;

use iotlabel_advice::{Profile, parse_profile};
use iotlabel_label::{Label, LabelInput};

/// Every example device's label, as of the golden files' date, `(file stem, label)`.
pub fn labels() -> &'static [(String, Label)] {
    static LABELS: LazyLock<Vec<(String, Label)>> = LazyLock::new(|| {
        iotlabel_testkit::examples()
            .into_iter()
            .map(|(name, decl)| {
                let report = iotlabel_testkit::engine().assess(&decl, None, &[], iotlabel_testkit::as_of());
                let label = iotlabel_label::build(&LabelInput {
                    decl: &decl,
                    evidence: None,
                    report: &report,
                    base_url: "https://registry.example/l/",
                });
                (name, label)
            })
            .collect()
    });
    &LABELS
}

pub fn label(stem: &str) -> &'static Label {
    &labels().iter().find(|(n, _)| n == stem).unwrap_or_else(|| panic!("no example {stem}")).1
}

/// The example profiles under `examples/profiles/`, `(file stem, profile)`, sorted by name.
pub fn profiles() -> Vec<(String, Profile)> {
    let dir = iotlabel_testkit::root().join("examples/profiles");
    let mut files: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).unwrap();
            let profile = parse_profile(&name, &text).unwrap_or_else(|e| panic!("{e}"));
            (name, profile)
        })
        .collect()
}
