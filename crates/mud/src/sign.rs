//! MUD signatures as RFC 8520 section 13 describes them: a detached CMS SignedData (RFC 5652)
//! in DER over the MUD file's exact bytes, verified against trust anchors the caller gives.
//!
//! Algorithms: SHA-256 digests and ECDSA P-256 (`ecdsa-with-SHA256`) for the signature and the
//! certificate chain, which is what the real signed MUD files use; anything else is refused by
//! name. The caller passes the verification time (or says to ignore validity periods), so the
//! crate reads no clock.

use chrono::{DateTime, Utc};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use const_oid::ObjectIdentifier;
use const_oid::db::rfc5911::{ID_CONTENT_TYPE, ID_DATA, ID_MESSAGE_DIGEST, ID_SIGNED_DATA};
use const_oid::db::rfc5912::{ECDSA_WITH_SHA_256, ID_EC_PUBLIC_KEY, ID_SHA_256, SECP_256_R_1};
use der::asn1::{OctetString, SetOfVec};
use der::{Any, Decode, Encode};
use p256::ecdsa::signature::{Signer, Verifier};
use p256::ecdsa::{DerSignature, Signature, SigningKey, VerifyingKey};
use p256::pkcs8::DecodePrivateKey;
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;
use x509_cert::attr::Attribute;

/// When to check the certificates' validity periods.
#[derive(Debug, Clone, Copy)]
pub enum VerifyAt {
    /// At this time (normally now, which the caller reads).
    Time(DateTime<Utc>),
    /// Not at all (an explicit choice: e.g. a signature made while an expired CA was valid).
    Ignore,
}

/// A verified signature: who signed, through which chain.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Verified {
    /// The signer certificate's subject (RFC 4514 text).
    pub signer: String,
    /// Subjects from the signer to the trust anchor.
    pub chain: Vec<String>,
    /// Each certificate's validity end (RFC 3339), in chain order.
    pub not_after: Vec<String>,
    /// Whether validity periods were checked.
    pub time_checked: bool,
}

/// Why a signature is refused, or cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("not a CMS signature in DER: {0}")]
    Malformed(String),
    #[error("unsupported: {0}")]
    Unsupported(String),
    #[error("the MUD file does not match the signature: its SHA-256 digest differs from the signed one")]
    DigestMismatch,
    #[error("the signature does not verify with the key of the signer certificate ({0})")]
    BadSignature(String),
    #[error("no certificate in the signature or the trust anchors matches the signer")]
    NoSignerCertificate,
    #[error(
        "the certificate of {subject} is not signed by any trust anchor or certificate given (issuer: {issuer})"
    )]
    Untrusted { subject: String, issuer: String },
    #[error(
        "the certificate of {subject} expired on {not_after} (checked at {at}); if the signature was made while it was valid, verify at a time in its validity period (iotlabel mud validate --at DATE)"
    )]
    Expired { subject: String, not_after: String, at: String },
    #[error("the certificate of {subject} is not valid before {not_before} (checked at {at})")]
    NotYetValid { subject: String, not_before: String, at: String },
    #[error("no trust anchor given: pass the certificate of the CA that signs the maker's certificate")]
    NoTrustAnchor,
    #[error("bad key or certificate: {0}")]
    BadInput(String),
    #[error("the private key does not belong to the certificate {0}")]
    KeyMismatch(String),
}

fn malformed(e: impl std::fmt::Display) -> SignatureError {
    SignatureError::Malformed(e.to_string())
}

/// Certificates from PEM text (one or more `CERTIFICATE` blocks).
pub fn certificates_from_pem(pem: &str) -> Result<Vec<Certificate>, SignatureError> {
    let certs = Certificate::load_pem_chain(pem.as_bytes())
        .map_err(|e| SignatureError::BadInput(format!("certificate PEM: {e}")))?;
    if certs.is_empty() {
        return Err(SignatureError::BadInput("no CERTIFICATE in the PEM text".into()));
    }
    Ok(certs)
}

fn subject(c: &Certificate) -> String {
    c.tbs_certificate.subject.to_string()
}

fn rfc3339(t: &x509_cert::time::Time) -> String {
    let d = t.to_unix_duration();
    DateTime::<Utc>::from_timestamp(d.as_secs() as i64, 0)
        .map_or_else(|| format!("{d:?}"), |t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// ECDSA P-256 public key of a certificate.
fn verifying_key(c: &Certificate) -> Result<VerifyingKey, SignatureError> {
    let spki = &c.tbs_certificate.subject_public_key_info;
    let curve = spki.algorithm.parameters.as_ref().and_then(|p| p.decode_as::<ObjectIdentifier>().ok());
    if spki.algorithm.oid != ID_EC_PUBLIC_KEY || curve != Some(SECP_256_R_1) {
        return Err(SignatureError::Unsupported(format!(
            "the key of {} is not ECDSA P-256 (algorithm {})",
            subject(c),
            spki.algorithm.oid
        )));
    }
    VerifyingKey::from_sec1_bytes(spki.subject_public_key.raw_bytes())
        .map_err(|e| SignatureError::BadInput(format!("key of {}: {e}", subject(c))))
}

fn check_sig(
    alg: &AlgorithmIdentifierOwned,
    key: &VerifyingKey,
    msg: &[u8],
    sig: &[u8],
    what: &str,
) -> Result<(), SignatureError> {
    if alg.oid != ECDSA_WITH_SHA_256 {
        return Err(SignatureError::Unsupported(format!(
            "{what}: signature algorithm {} (only ecdsa-with-SHA256)",
            alg.oid
        )));
    }
    let sig = Signature::from_der(sig).map_err(|e| SignatureError::BadSignature(format!("{what}: {e}")))?;
    key.verify(msg, &sig).map_err(|_| SignatureError::BadSignature(what.to_string()))
}

/// The signed attribute `oid`'s single value.
fn attribute(attrs: &SetOfVec<Attribute>, oid: ObjectIdentifier) -> Option<&der::asn1::Any> {
    attrs.iter().find(|a| a.oid == oid).and_then(|a| a.values.iter().next())
}

/// Verifies a detached signature (`p7s`, DER) over `content` (the MUD file's bytes) against
/// the trust anchors (`anchors`, e.g. from [`certificates_from_pem`]).
pub fn verify(
    content: &[u8],
    p7s: &[u8],
    anchors: &[Certificate],
    at: VerifyAt,
) -> Result<Verified, SignatureError> {
    if anchors.is_empty() {
        return Err(SignatureError::NoTrustAnchor);
    }
    let ci = ContentInfo::from_der(p7s).map_err(malformed)?;
    if ci.content_type != ID_SIGNED_DATA {
        return Err(SignatureError::Malformed(format!("content type {} is not signedData", ci.content_type)));
    }
    let sd: SignedData = ci.content.decode_as().map_err(malformed)?;
    if sd.encap_content_info.econtent.is_some() {
        return Err(SignatureError::Malformed(
            "the signature embeds content; RFC 8520 signatures are detached".into(),
        ));
    }
    let embedded: Vec<Certificate> = sd
        .certificates
        .iter()
        .flat_map(|s| s.0.iter())
        .filter_map(|c| match c {
            CertificateChoices::Certificate(c) => Some(c.clone()),
            CertificateChoices::Other(_) => None,
        })
        .collect();
    let si = sd.signer_infos.0.iter().next().ok_or_else(|| SignatureError::Malformed("no signer".into()))?;
    if si.digest_alg.oid != ID_SHA_256 {
        return Err(SignatureError::Unsupported(format!(
            "digest algorithm {} (only SHA-256)",
            si.digest_alg.oid
        )));
    }
    let all: Vec<&Certificate> = embedded.iter().chain(anchors.iter()).collect();
    let signer = all
        .iter()
        .find(|c| match &si.sid {
            SignerIdentifier::IssuerAndSerialNumber(isn) => {
                c.tbs_certificate.issuer == isn.issuer && c.tbs_certificate.serial_number == isn.serial_number
            }
            SignerIdentifier::SubjectKeyIdentifier(ski) => c
                .tbs_certificate
                .get::<x509_cert::ext::pkix::SubjectKeyIdentifier>()
                .ok()
                .flatten()
                .is_some_and(|(_, k)| k == *ski),
        })
        .copied()
        .ok_or(SignatureError::NoSignerCertificate)?;
    let digest = Sha256::digest(content);
    let key = verifying_key(signer)?;
    match &si.signed_attrs {
        Some(attrs) => {
            let ct = attribute(attrs, ID_CONTENT_TYPE).and_then(|v| v.decode_as::<ObjectIdentifier>().ok());
            if ct != Some(ID_DATA) {
                return Err(SignatureError::Malformed(
                    "the signed content-type attribute is not id-data".into(),
                ));
            }
            let md = attribute(attrs, ID_MESSAGE_DIGEST)
                .and_then(|v| v.decode_as::<OctetString>().ok())
                .ok_or_else(|| SignatureError::Malformed("no message-digest attribute".into()))?;
            if md.as_bytes() != digest.as_slice() {
                return Err(SignatureError::DigestMismatch);
            }
            let signed = attrs.to_der().map_err(malformed)?;
            check_sig(
                &si.signature_algorithm,
                &key,
                &signed,
                si.signature.as_bytes(),
                "the MUD file's signature",
            )?;
        }
        None => check_sig(
            &si.signature_algorithm,
            &key,
            content,
            si.signature.as_bytes(),
            "the MUD file's signature",
        )
        .map_err(|e| {
            if matches!(e, SignatureError::BadSignature(_)) { SignatureError::DigestMismatch } else { e }
        })?,
    }
    // The chain, from the signer up to a trust anchor.
    let mut chain = vec![signer.clone()];
    loop {
        let cur = chain.last().cloned().ok_or(SignatureError::NoSignerCertificate)?;
        if anchors.iter().any(|a| a == &cur) {
            break;
        }
        let issuer = all.iter().find(|c| {
            c.tbs_certificate.subject == cur.tbs_certificate.issuer
                && verifying_key(c).is_ok_and(|k| {
                    cur.tbs_certificate.to_der().is_ok_and(|tbs| {
                        check_sig(
                            &cur.signature_algorithm,
                            &k,
                            &tbs,
                            cur.signature.raw_bytes(),
                            "certificate",
                        )
                        .is_ok()
                    })
                })
        });
        match issuer {
            Some(i) if chain.len() < 8 && !chain.contains(i) => chain.push((*i).clone()),
            _ => {
                return Err(SignatureError::Untrusted {
                    subject: subject(&cur),
                    issuer: cur.tbs_certificate.issuer.to_string(),
                });
            }
        }
    }
    if let VerifyAt::Time(t) = at {
        let now = t.timestamp();
        for c in &chain {
            let v = &c.tbs_certificate.validity;
            if (v.not_after.to_unix_duration().as_secs() as i64) < now {
                return Err(SignatureError::Expired {
                    subject: subject(c),
                    not_after: rfc3339(&v.not_after),
                    at: t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                });
            }
            if (v.not_before.to_unix_duration().as_secs() as i64) > now {
                return Err(SignatureError::NotYetValid {
                    subject: subject(c),
                    not_before: rfc3339(&v.not_before),
                    at: t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                });
            }
        }
    }
    Ok(Verified {
        signer: subject(signer),
        chain: chain.iter().map(subject).collect(),
        not_after: chain.iter().map(|c| rfc3339(&c.tbs_certificate.validity.not_after)).collect(),
        time_checked: matches!(at, VerifyAt::Time(_)),
    })
}

/// A P-256 private key from PEM (PKCS#8 `PRIVATE KEY` or SEC1 `EC PRIVATE KEY`).
pub fn signing_key_from_pem(pem: &str) -> Result<SigningKey, SignatureError> {
    if let Ok(k) = SigningKey::from_pkcs8_pem(pem) {
        return Ok(k);
    }
    p256::SecretKey::from_sec1_pem(pem).map(SigningKey::from).map_err(|_| {
        SignatureError::BadInput("the key is not an ECDSA P-256 private key in PEM (PKCS#8 or SEC1)".into())
    })
}

fn alg(oid: ObjectIdentifier) -> AlgorithmIdentifierOwned {
    AlgorithmIdentifierOwned { oid, parameters: None }
}

/// Signs `content` (the MUD file's exact bytes): a detached CMS SignedData in DER, carrying
/// `certs` (the signer's certificate first, then any intermediates). Deterministic for given
/// inputs (RFC 6979 ECDSA, no signing time).
pub fn sign(content: &[u8], key: &SigningKey, certs: &[Certificate]) -> Result<Vec<u8>, SignatureError> {
    let cert = certs.first().ok_or_else(|| SignatureError::BadInput("no signer certificate".into()))?;
    if verifying_key(cert)? != *key.verifying_key() {
        return Err(SignatureError::KeyMismatch(subject(cert)));
    }
    let der_err = |e: der::Error| SignatureError::Malformed(e.to_string());
    let digest = Sha256::digest(content);
    let attr = |oid, value: Any| -> Result<Attribute, SignatureError> {
        let mut values = SetOfVec::new();
        values.insert(value).map_err(der_err)?;
        Ok(Attribute { oid, values })
    };
    let mut attrs = SetOfVec::new();
    attrs.insert(attr(ID_CONTENT_TYPE, Any::encode_from(&ID_DATA).map_err(der_err)?)?).map_err(der_err)?;
    let md = OctetString::new(digest.to_vec()).map_err(der_err)?;
    attrs.insert(attr(ID_MESSAGE_DIGEST, Any::encode_from(&md).map_err(der_err)?)?).map_err(der_err)?;
    let to_sign = attrs.to_der().map_err(der_err)?;
    let sig: DerSignature = key.sign(&to_sign);
    let si = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: cert.tbs_certificate.issuer.clone(),
            serial_number: cert.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: alg(ID_SHA_256),
        signed_attrs: Some(attrs),
        signature_algorithm: alg(ECDSA_WITH_SHA_256),
        signature: OctetString::new(sig.as_bytes().to_vec()).map_err(der_err)?,
        unsigned_attrs: None,
    };
    let mut digests = SetOfVec::new();
    digests.insert(alg(ID_SHA_256)).map_err(der_err)?;
    let cert_set: Vec<CertificateChoices> =
        certs.iter().cloned().map(CertificateChoices::Certificate).collect();
    let sd = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: digests,
        encap_content_info: EncapsulatedContentInfo { econtent_type: ID_DATA, econtent: None },
        certificates: Some(CertificateSet::from(SetOfVec::try_from(cert_set).map_err(der_err)?)),
        crls: None,
        signer_infos: SignerInfos::from(SetOfVec::try_from(vec![si]).map_err(der_err)?),
    };
    let ci = ContentInfo { content_type: ID_SIGNED_DATA, content: Any::encode_from(&sd).map_err(der_err)? };
    ci.to_der().map_err(der_err)
}
