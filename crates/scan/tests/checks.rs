//! The check table against the control catalogue, and the evidence the new checks give.

use chrono::{NaiveDate, Utc};
use iotlabel_catalog::Catalogs;
use iotlabel_model::{TestResult, TestedDevice};
use iotlabel_scan::report::{CHECKS, REPORT_VERSION, check_transport};
use iotlabel_scan::{Finding, HostReport, ScanReport, Service};

#[test]
fn every_check_names_a_control_of_the_catalogue() {
    let cats = Catalogs::builtin();
    for (id, control, severity, title) in CHECKS {
        assert!(cats.control(control).is_some(), "{id}: unknown control {control}");
        assert!(matches!(*severity, "high" | "medium" | "low"), "{id}");
        assert!(!title.is_empty());
    }
    for id in ["insecure.rtsp-open", "insecure.coap-open", "insecure.upnp-igd"] {
        assert!(CHECKS.iter().any(|c| c.0 == id), "{id} in CHECKS");
    }
    assert_eq!(check_transport("insecure.coap-open"), "udp");
    assert_eq!(check_transport("insecure.rtsp-open"), "tcp");
}

fn finding(check: &str, port: u16) -> Finding {
    let (control, severity) = iotlabel_scan::report::check_info(check);
    Finding {
        check: check.into(),
        target: format!("127.0.0.1:{port}"),
        port,
        control: control.into(),
        severity: severity.into(),
        method: "test".into(),
        time: Utc::now(),
        summary: format!("{check} seen"),
        proof: String::new(),
        credential: None,
    }
}

fn service(port: u16, transport: &str, protocol: &str) -> Service {
    Service {
        port,
        transport: transport.into(),
        protocol: protocol.into(),
        banner: None,
        http_server: None,
        http_title: None,
        tls: None,
        ssh: None,
    }
}

#[test]
fn the_new_findings_are_evidence_against_their_controls() {
    let report = ScanReport {
        schema_version: REPORT_VERSION.into(),
        tool: "test".into(),
        started: Utc::now(),
        finished: Utc::now(),
        targets: vec!["127.0.0.1".into()],
        checks: ["ports", "creds", "insecure", "udp"].map(String::from).to_vec(),
        hosts: vec![HostReport {
            address: "127.0.0.1".parse().expect("ip"),
            services: vec![service(554, "tcp", "rtsp"), service(1900, "udp", "ssdp")],
            findings: vec![finding("insecure.rtsp-open", 554), finding("insecure.upnp-igd", 1900)],
            notes: vec![],
            label: None,
            identity: None,
        }],
        scanned: 1,
    };
    let device = TestedDevice { brand: "Acme".into(), model: "Cam".into(), firmware_version: None };
    let e = report.to_evidence(device, NaiveDate::from_ymd_opt(2026, 12, 4).expect("date"));
    let item = |c: &str| e.items.iter().find(|i| i.control.as_deref() == Some(c)).expect(c);
    let auth = item("auth.network-access-authenticated");
    assert_eq!(auth.result, TestResult::Fail);
    assert!(auth.summary.contains("insecure.rtsp-open"), "{}", auth.summary);
    let surface = item("surface.no-insecure-services");
    assert_eq!(surface.result, TestResult::Fail);
    assert!(surface.summary.contains("insecure.upnp-igd"), "{}", surface.summary);
    // Credentials were tried on the RTSP service and none worked.
    let creds = item("auth.no-universal-default-password");
    assert_eq!(creds.result, TestResult::Pass);
    assert!(creds.summary.contains("rtsp/554"), "{}", creds.summary);
    let csv = report.to_csv();
    assert!(csv.contains(",1900,insecure.upnp-igd,surface.no-insecure-services,medium,"), "{csv}");
    let sarif = report.to_sarif();
    assert!(sarif.to_string().contains("udp://127.0.0.1:1900"));
}
