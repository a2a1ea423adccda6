//! RFC 8520 section 13 signatures: the real signed Luminaire_150 profile (its CA expired in July
//! 2019: refused as expired by default, verified at a date inside its validity or when told to
//! ignore time), and signatures this crate makes, checked by this crate and by OpenSSL.

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{TimeZone, Utc};
use iotlabel_mud::sign::{
    SignatureError, VerifyAt, certificates_from_pem, sign, signing_key_from_pem, verify,
};

fn shared(name: &str) -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/mud/valid").join(name);
    assert!(p.exists(), "{} is missing: the shared test data sits beside the workspace", p.display());
    p
}

fn pki(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pki").join(name)
}

fn text(p: &Path) -> String {
    std::fs::read_to_string(p).expect("readable")
}

fn today() -> VerifyAt {
    VerifyAt::Time(Utc.with_ymd_and_hms(2026, 11, 22, 0, 0, 0).single().expect("date"))
}

#[test]
fn the_real_luminaire_signature() {
    let content = std::fs::read(shared("Luminaire_150.json")).expect("file");
    let p7s = std::fs::read(shared("Luminaire_150.p7s")).expect("signature");
    let ca = certificates_from_pem(&text(&shared("luminaire-cacert.pem"))).expect("CA");
    // Today: the CA expired in 2019, and the refusal says so.
    let e = verify(&content, &p7s, &ca, today()).expect_err("expired");
    match &e {
        SignatureError::Expired { subject, not_after, .. } => {
            assert!(subject.contains("Demo Luminaire Manufacturer"), "{subject}");
            assert!(not_after.starts_with("2019-07-12"), "{not_after}");
        }
        other => panic!("expected Expired, got {other}"),
    }
    // In the CA's validity period, and with time ignored, it verifies.
    let at = VerifyAt::Time(Utc.with_ymd_and_hms(2019, 1, 1, 0, 0, 0).single().expect("date"));
    let ok = verify(&content, &p7s, &ca, at).expect("valid in 2019");
    assert!(ok.signer.contains("CN=luminaire.example.com"), "{}", ok.signer);
    assert_eq!(ok.chain.len(), 2);
    assert!(ok.time_checked);
    assert!(!verify(&content, &p7s, &ca, VerifyAt::Ignore).expect("time ignored").time_checked);
    // One changed byte in the file, or another CA, and it fails.
    let mut changed = content.clone();
    changed[10] ^= 1;
    assert_eq!(verify(&changed, &p7s, &ca, VerifyAt::Ignore), Err(SignatureError::DigestMismatch));
    let other = certificates_from_pem(&text(&pki("other-ca.pem"))).expect("CA");
    assert!(matches!(
        verify(&content, &p7s, &other, VerifyAt::Ignore),
        Err(SignatureError::Untrusted { .. })
    ));
    // Not DER at all.
    assert!(matches!(
        verify(&content, b"not a signature", &ca, VerifyAt::Ignore),
        Err(SignatureError::Malformed(_))
    ));
}

#[test]
fn sign_then_verify_here_and_with_openssl() {
    let content = std::fs::read(shared("rfc8520-section9-example.json")).expect("file");
    let key = signing_key_from_pem(&text(&pki("maker.key"))).expect("PKCS#8 key");
    let certs = certificates_from_pem(&text(&pki("maker.pem"))).expect("cert");
    let ca = certificates_from_pem(&text(&pki("ca.pem"))).expect("CA");
    let p7s = sign(&content, &key, &certs).expect("signs");
    assert_eq!(sign(&content, &key, &certs).expect("signs"), p7s, "deterministic");
    let y2030 = VerifyAt::Time(Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).single().expect("date"));
    let ok = verify(&content, &p7s, &ca, y2030).expect("verifies");
    assert!(ok.signer.contains("Acme Devices Ltd"));
    // A SEC1 key that is not the certificate's is refused before signing.
    let ca_key = signing_key_from_pem(&text(&pki("ca.key"))).expect("SEC1 key");
    assert!(matches!(sign(&content, &ca_key, &certs), Err(SignatureError::KeyMismatch(_))));

    // OpenSSL agrees (the command RFC 8520 section 13.2 gives, with our CA).
    let dir = std::env::temp_dir().join(format!("iotlabel-mud-sig-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let (json, sig) = (dir.join("mud.json"), dir.join("mud.p7s"));
    std::fs::write(&json, &content).expect("write");
    std::fs::write(&sig, &p7s).expect("write");
    let run = |content: &Path| {
        Command::new("openssl")
            .args([
                "cms",
                "-verify",
                "-binary",
                "-inform",
                "DER",
                "-purpose",
                "any",
                "-out",
                "/dev/null",
                "-in",
            ])
            .arg(&sig)
            .arg("-content")
            .arg(content)
            .arg("-CAfile")
            .arg(pki("ca.pem"))
            .output()
            .expect("openssl is installed (cargo xtask test installs it)")
    };
    let out = run(&json);
    assert!(out.status.success(), "openssl refused: {}", String::from_utf8_lossy(&out.stderr));
    std::fs::write(&json, b"{}").expect("write");
    assert!(!run(&json).status.success(), "openssl accepted changed content");
    std::fs::remove_dir_all(&dir).ok();
}
