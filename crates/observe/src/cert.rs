//! Names in an X.509 certificate (subject common name, DNS subject alternative names).

use der::Decode;
use x509_cert::Certificate;

/// The DNS names a certificate is for: its DNS SANs, then its subject CN when it looks like a
/// host name and is not among them. Empty when the bytes are no certificate.
pub fn names(der_bytes: &[u8]) -> Vec<String> {
    let Ok(cert) = Certificate::from_der(der_bytes) else { return Vec::new() };
    let mut out: Vec<String> = Vec::new();
    let tbs = &cert.tbs_certificate;
    for ext in tbs.extensions.iter().flatten() {
        if ext.extn_id == const_oid::db::rfc5280::ID_CE_SUBJECT_ALT_NAME
            && let Ok(san) = x509_cert::ext::pkix::SubjectAltName::from_der(ext.extn_value.as_bytes())
        {
            for n in san.0 {
                if let x509_cert::ext::pkix::name::GeneralName::DnsName(d) = n {
                    let d = d.as_str().to_ascii_lowercase();
                    if crate::proto::is_host_name(&d) && !out.contains(&d) {
                        out.push(d);
                    }
                }
            }
        }
    }
    for rdn in tbs.subject.0.iter() {
        for atv in rdn.0.iter() {
            if atv.oid == const_oid::db::rfc4519::CN {
                let v = der::asn1::Utf8StringRef::try_from(&atv.value)
                    .map(|s| s.as_str().to_string())
                    .or_else(|_| {
                        der::asn1::PrintableStringRef::try_from(&atv.value).map(|s| s.as_str().to_string())
                    });
                if let Ok(v) = v {
                    let v = v.to_ascii_lowercase();
                    if crate::proto::is_host_name(&v) && !out.contains(&v) {
                        out.push(v);
                    }
                }
            }
        }
    }
    out
}
