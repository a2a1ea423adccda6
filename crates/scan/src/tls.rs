//! TLS client settings for the scanner (a handshake that accepts any certificate, so that it can
//! read and judge it) and the reading of the certificate.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use der::Decode;
use rustls::DigitallySignedStruct;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};

use crate::report::TlsInfo;

/// Accepts every certificate (the scanner judges it afterwards) but checks the handshake
/// signatures, so a handshake is a real one.
#[derive(Debug)]
struct ReadAnyCertificate(Arc<CryptoProvider>);

impl ServerCertVerifier for ReadAnyCertificate {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.0.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// TLS 1.2 and 1.3, ring's suites, any certificate read.
pub fn client_config() -> rustls::ClientConfig {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12]);
    match builder {
        Ok(b) => b
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(ReadAnyCertificate(provider)))
            .with_no_client_auth(),
        // ring supports both versions; this arm only keeps the function total.
        Err(_) => rustls::ClientConfig::builder()
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(ReadAnyCertificate(Arc::new(
                rustls::crypto::ring::default_provider(),
            ))))
            .with_no_client_auth(),
    }
}

/// What a handshake without a certificate leaves (not seen with TLS, kept total).
pub fn no_cert() -> TlsInfo {
    TlsInfo {
        version: String::new(),
        legacy_accepted: Vec::new(),
        subject: None,
        issuer: None,
        not_after: None,
        self_signed: false,
        expired: false,
    }
}

/// Subject, issuer, expiry and self-signedness of a DER certificate (pure; garbage gives no
/// fields).
pub fn cert_info(der: &[u8], now: DateTime<Utc>) -> TlsInfo {
    let mut info = no_cert();
    let Ok(cert) = x509_cert::Certificate::from_der(der) else { return info };
    let tbs = &cert.tbs_certificate;
    info.subject = Some(tbs.subject.to_string());
    info.issuer = Some(tbs.issuer.to_string());
    info.self_signed = tbs.subject == tbs.issuer;
    let secs = tbs.validity.not_after.to_unix_duration().as_secs();
    if let Some(t) = i64::try_from(secs).ok().and_then(|s| DateTime::<Utc>::from_timestamp(s, 0)) {
        info.expired = t < now;
        info.not_after = Some(t);
    }
    info
}
