//! The gap analysis over the example devices: counts add up across groups, known bad facts are
//! found, priorities come most-bad first, and the CSV carries every row.

use iotlabel_campaign::gaps::{FACTS, csv, gaps, is_bad};
use iotlabel_label::{Label, LabelInput};

fn labels() -> Vec<(String, Label)> {
    iotlabel_testkit::examples()
        .into_iter()
        .map(|(name, decl)| {
            let report = iotlabel_testkit::engine().assess(&decl, None, &[], iotlabel_testkit::as_of());
            let label = iotlabel_label::build(&LabelInput {
                decl: &decl,
                evidence: None,
                report: &report,
                base_url: "https://r.example/l/",
            });
            (name, label)
        })
        .collect()
}

#[test]
fn counts_add_up_and_known_gaps_are_found() {
    let named = labels();
    let ls: Vec<Label> = named.iter().map(|(_, l)| l.clone()).collect();
    let r = gaps(&ls);
    assert_eq!(r.devices, ls.len());
    for fact in FACTS {
        let all = r.rows.iter().find(|x| x.scope == "all" && x.fact == *fact).unwrap();
        for scope in ["device-type", "maker"] {
            let (bad, devices) = r
                .rows
                .iter()
                .filter(|x| x.scope == scope && x.fact == *fact)
                .fold((0, 0), |(b, d), x| (b + x.bad, d + x.devices));
            assert_eq!((bad, devices), (all.bad, all.devices), "{fact} by {scope}");
        }
    }
    let label = |n: &str| &named.iter().find(|(x, _)| x == n).unwrap().1;
    assert!(is_bad(label("budget-cam-universal-password"), "default-password"));
    assert!(!is_bad(label("fortis-lock-pro"), "default-password"));
    assert!(is_bad(label("echoes-speaker-eol"), "support-not-current"));
    assert!(is_bad(label("echoes-speaker-eol"), "support-under-3-years"));
    let pw = r.rows.iter().find(|x| x.scope == "all" && x.fact == "default-password").unwrap();
    assert!(pw.bad >= 1 && pw.bad < pw.devices, "{pw:?}");
    let overall: Vec<usize> = r.priorities.iter().filter(|p| p.scope == "all").map(|p| p.bad).collect();
    assert!(overall.windows(2).all(|w| w[0] >= w[1]), "{overall:?}");
    assert!(r.priorities.iter().all(|p| p.bad > 0));
}

#[test]
fn the_csv_has_every_row() {
    let ls: Vec<Label> = labels().into_iter().map(|(_, l)| l).collect();
    let r = gaps(&ls);
    let text = csv(&r);
    let lines: Vec<&str> = text.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(lines[0], "scope,group,fact,bad,devices,share");
    assert_eq!(lines.len(), r.rows.len() + 1);
    for (line, row) in lines[1..].iter().zip(&r.rows) {
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(fields.len(), 6, "{line}");
        assert_eq!(fields[3].parse::<usize>().unwrap(), row.bad);
        assert_eq!(fields[2], row.fact);
    }
}
