//! May a signed statement enter the log? Signature, freshness, schema and authority, in that
//! order, each refusal with its own [`Code`]. Replay (a nonce already logged) is refused by the
//! store inside the append transaction.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use ed25519_dalek::VerifyingKey;
use iotlabel_catalog::Catalogs;
use iotlabel_model::{Declaration, Evidence, Issue};
use iotlabel_statement::{Freshness, Kind, SignedStatement, StatementError};

use crate::account::{Account, Effect, KeyRecord, Role, Signer, account_slug, check_account_name};
use crate::payload::{self, AttestationPayload, KeyChangePayload, RevocationPayload};
use crate::refusal::{Code, Refusal};
use crate::vex;

/// The server's rules that are configuration, not logic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    pub freshness: Freshness,
    /// Trust on first use for makers (`serve --open-enrolment`, on in `--demo`).
    pub open_enrolment: bool,
}

/// What the registry already holds that the decision needs (the caller reads it from the store).
#[derive(Debug, Clone, Default)]
pub struct Prior<'a> {
    /// The label's current declaration and the slug of the maker that published it.
    pub declaration: Option<(&'a Declaration, &'a str)>,
    /// The label was revoked.
    pub revoked: bool,
    /// For an enrolment: an account with the requested slug exists already.
    pub account_exists: bool,
    /// For an enrolment: the slugs of existing accounts that overlap the requested one
    /// ([`crate::slugs_overlap`]).
    pub overlapping: Vec<String>,
    /// For a key revocation: the key named in the payload.
    pub target_key: Option<&'a KeyRecord>,
    /// Every statement logged about the subject, oldest first.
    pub history: &'a [crate::status::Logged],
}

/// An accepted statement: what the store records beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Admission {
    /// The slug of the signing account.
    pub account: String,
    /// A change to accounts, applied in the append's transaction.
    pub effect: Option<Effect>,
    /// For a declaration: the label digest (the QR code's `d` extends to it).
    pub digest: Option<String>,
    /// For a declaration: the product its label belongs to (`status::product_of`).
    pub product: Option<String>,
}

fn malformed(e: StatementError) -> Refusal {
    let path = match &e {
        StatementError::Malformed { path, .. } => Some(path.clone()),
        _ => None,
    };
    let mut r = Refusal::new(Code::Malformed, e.to_string());
    r.path = path;
    r
}

fn public_key(text: &str, path: &str) -> Result<VerifyingKey, Refusal> {
    let bytes: [u8; 32] = STANDARD.decode(text).ok().and_then(|b| b.try_into().ok()).ok_or_else(|| {
        Refusal::new(Code::Malformed, "not a 32-byte Ed25519 public key in standard padded base64").at(path)
    })?;
    VerifyingKey::from_bytes(&bytes)
        .map_err(|_| Refusal::new(Code::Malformed, "not a valid Ed25519 public key").at(path))
}

fn key_record(key: &VerifyingKey, account: &str, now: DateTime<Utc>) -> KeyRecord {
    KeyRecord {
        key_id: iotlabel_statement::key_id(key),
        account: account.to_owned(),
        public_key: STANDARD.encode(key.as_bytes()),
        added_at: now,
        revoked_at: None,
    }
}

fn need_role(signer: &Signer, roles: &[Role], what: &str) -> Result<(), Refusal> {
    if roles.contains(&signer.account.role) {
        return Ok(());
    }
    Err(Refusal::new(
        Code::Forbidden,
        format!("{} is a {} account; {what}", signer.account.name, signer.account.role.as_str()),
    ))
}

/// Decides whether `signed` may be logged. `signer` is the key the statement names, with its
/// account, when the registry knows it.
pub fn admit(
    signed: &SignedStatement,
    signer: Option<&Signer>,
    prior: &Prior<'_>,
    catalogs: &Catalogs,
    now: DateTime<Utc>,
    policy: &Policy,
) -> Result<Admission, Refusal> {
    signed.validate().map_err(malformed)?;
    let st = &signed.statement;
    let Some(signer) = signer else {
        return enrol(signed, prior, now, policy);
    };
    if signer.key.revoked_at.is_some() {
        return Err(Refusal::new(Code::RevokedKey, format!("key {} was revoked", signer.key.key_id))
            .at("$.statement.signer")
            .suggest("sign with a current key of the account"));
    }
    let key = public_key(&signer.key.public_key, "$.statement.signer")?;
    iotlabel_statement::verify(signed, &key).map_err(|e| match e {
        StatementError::BadSignature => Refusal::new(Code::BadSignature, e.to_string()).at("$.signature"),
        other => malformed(other),
    })?;
    iotlabel_statement::check_fresh(st, now, policy.freshness).map_err(|e| {
        Refusal::new(Code::NotFresh, e.to_string())
            .at("$.statement.issued_at")
            .suggest("check the signer's clock and sign again")
    })?;
    let account = signer.account.slug.clone();
    let owned = |what: &str| -> Result<&Declaration, Refusal> {
        let Some((decl, by)) = prior.declaration else {
            return Err(Refusal::new(Code::NotFound, format!("no label {} is registered", st.subject))
                .at("$.statement.subject")
                .suggest("publish the declaration first (iotlabel publish)"));
        };
        if signer.account.role == Role::Manufacturer && by != account {
            return Err(Refusal::new(
                Code::Forbidden,
                format!("label {} was published by {by}; {what} only its maker may", st.subject),
            ));
        }
        Ok(decl)
    };
    let mut admission = Admission { account: account.clone(), effect: None, digest: None, product: None };
    match st.kind {
        Kind::Declaration => {
            need_role(signer, &[Role::Manufacturer], "only a manufacturer publishes declarations")?;
            let decl = payload::declaration(&st.payload)?;
            let id = iotlabel_label::facts::label_id(&decl.identity);
            if id != st.subject {
                return Err(Refusal::new(
                    Code::Malformed,
                    format!("the subject is {:?}, but the declaration's label id is {id:?}", st.subject),
                )
                .at("$.statement.subject")
                .suggest(format!("set the subject to {id}")));
            }
            if account_slug(&decl.identity.brand) != account {
                return Err(Refusal::new(
                    Code::Forbidden,
                    format!(
                        "the declaration is for brand {:?}; this key belongs to {}",
                        decl.identity.brand, signer.account.name
                    ),
                )
                .at("$.statement.payload.identity.brand")
                .suggest("a maker publishes only under its own name; sign with that maker's key"));
            }
            if let Some((_, by)) = prior.declaration
                && by != account
            {
                return Err(Refusal::new(Code::Forbidden, format!("label {id} was published by {by}")));
            }
            if prior.revoked {
                return Err(Refusal::new(
                    Code::Conflict,
                    format!("label {id} was revoked and stays revoked"),
                )
                .suggest("publish the fixed device under a new firmware version (a new label)"));
            }
            let digest = iotlabel_label::facts::digest(&decl, None);
            if let Some((current, _)) = prior.declaration
                && iotlabel_label::facts::digest(current, None) == digest
            {
                return Err(Refusal::new(
                    Code::Conflict,
                    format!("label {id} is already registered with this declaration"),
                )
                .suggest(
                    "nothing to do: the registry holds this declaration; change it to publish a revision",
                ));
            }
            admission.digest = Some(digest);
            admission.product = Some(crate::status::product_of(&decl));
        }
        Kind::Attestation => {
            need_role(signer, &[Role::Lab], "only an accredited lab attests")?;
            let decl = owned("attests")?;
            let p: AttestationPayload = payload::read(&st.payload)?;
            if !signer.schemes.contains(&p.scheme) {
                let held =
                    if signer.schemes.is_empty() { "none".to_owned() } else { signer.schemes.join(", ") };
                return Err(Refusal::new(
                    Code::Forbidden,
                    format!(
                        "{} is not accredited for {} (accredited for: {held})",
                        signer.account.name, p.scheme
                    ),
                )
                .at("$.statement.payload.scheme")
                .suggest("a registry administrator grants accreditations (iotlabel admin accredit)"));
            }
            let extra = |ev: &Evidence| -> Vec<Issue> {
                let mut issues = iotlabel_assess::check_evidence_targets(catalogs, ev);
                issues.extend(iotlabel_assess::check_evidence_bound(ev, false));
                issues.extend(iotlabel_assess::check_evidence_device(decl, ev));
                issues.extend(out_of_scope(catalogs, &signer.schemes, ev));
                issues
            };
            let ev = payload::evidence(&p.evidence, &extra)?;
            let declared = &decl.identity.firmware_version;
            if let Some(fw) = ev.device.as_ref().and_then(|d| d.firmware_version.as_ref())
                && fw.trim() != declared.trim()
            {
                return Err(Refusal::new(
                    Code::Malformed,
                    format!(
                        "the evidence is about firmware {fw:?}; label {} is for firmware {declared:?}",
                        st.subject
                    ),
                )
                .at("$.statement.payload.evidence.device.firmware_version")
                .suggest("attest the label of the firmware that was tested"));
            }
            if let Some(same) = prior.history.iter().find(|l| {
                l.statement.kind == Kind::Attestation
                    && l.account == account
                    && l.statement.payload == st.payload
            }) {
                return Err(Refusal::new(
                    Code::Conflict,
                    format!(
                        "this lab attached the same evidence to {} already (log entry {})",
                        st.subject, same.index
                    ),
                ));
            }
        }
        Kind::Vex => {
            need_role(signer, &[Role::Manufacturer, Role::Lab], "VEX comes from a maker or a lab")?;
            owned("attaches VEX")?;
            vex::read(&st.payload)?;
        }
        Kind::Revocation => {
            need_role(signer, &[Role::Manufacturer], "only the maker revokes its label")?;
            owned("revokes")?;
            let p: RevocationPayload = payload::read(&st.payload)?;
            let n = p.reason.trim().chars().count();
            if !(1..=2000).contains(&n) {
                return Err(Refusal::new(
                    Code::Malformed,
                    format!("the reason has {n} characters; 1 to 2,000 are needed"),
                )
                .at("$.statement.payload.reason"));
            }
            if prior.revoked {
                return Err(Refusal::new(Code::Conflict, format!("label {} is already revoked", st.subject)));
            }
        }
        Kind::Mud => {
            need_role(signer, &[Role::Manufacturer], "only the maker uploads its device's MUD file")?;
            let decl = owned("uploads a MUD file for")?;
            let Some(declared) = decl.network.mud_url.as_deref() else {
                return Err(Refusal::new(
                    Code::Conflict,
                    format!("label {} declares no network.mud_url", st.subject),
                )
                .suggest("declare network.mud_url in a new revision of the declaration first"));
            };
            let url = st.payload.pointer("/ietf-mud:mud/mud-url").and_then(serde_json::Value::as_str);
            if url != Some(declared) {
                return Err(Refusal::new(
                    Code::Malformed,
                    format!(
                        "the MUD file's mud-url is {url:?}; the declaration's network.mud_url is {declared:?}"
                    ),
                )
                .at("$.statement.payload[\"ietf-mud:mud\"][\"mud-url\"]")
                .suggest("upload the MUD file (RFC 8520 JSON) whose mud-url is the declared one"));
            }
        }
        Kind::KeyChange => {
            if st.subject != account {
                return Err(Refusal::new(
                    Code::Forbidden,
                    format!("a key change is about the signer's own account, {account}"),
                )
                .at("$.statement.subject")
                .suggest(format!("set the subject to {account}")));
            }
            match payload::read::<KeyChangePayload>(&st.payload)? {
                KeyChangePayload::Enrol { .. } => {
                    return Err(Refusal::new(
                        Code::Conflict,
                        format!("key {} is already enrolled for {}", signer.key.key_id, signer.account.name),
                    ));
                }
                KeyChangePayload::Add { public_key: pk } => {
                    let new = public_key(&pk, "$.statement.payload.public_key")?;
                    admission.effect = Some(Effect::AddKey(key_record(&new, &account, now)));
                }
                KeyChangePayload::Revoke { key_id } => {
                    let Some(target) = prior.target_key.filter(|k| k.account == account) else {
                        return Err(Refusal::new(Code::NotFound, format!("{account} holds no key {key_id}"))
                            .at("$.statement.payload.key_id"));
                    };
                    if target.revoked_at.is_some() {
                        return Err(Refusal::new(Code::Conflict, format!("key {key_id} is already revoked")));
                    }
                    if signer.active_keys <= 1 {
                        return Err(Refusal::new(
                            Code::Conflict,
                            "this is the account's last key; revoking it would lock the account out",
                        )
                        .suggest("add the new key first (key change `add`), then revoke the old one"));
                    }
                    admission.effect = Some(Effect::RevokeKey { key_id, at: now });
                }
            }
        }
    }
    Ok(admission)
}

/// A statement signed by a key the registry does not know: only a maker's self-signed
/// enrolment, with open enrolment, for a name nobody holds.
fn enrol(
    signed: &SignedStatement,
    prior: &Prior<'_>,
    now: DateTime<Utc>,
    policy: &Policy,
) -> Result<Admission, Refusal> {
    let st = &signed.statement;
    let unknown = || {
        Refusal::new(Code::UnknownKey, format!("key {} is not registered", st.signer))
            .at("$.statement.signer")
            .suggest(if policy.open_enrolment {
                "enrol the key first: a key_change statement with action \"enrol\" (iotlabel publish does this)"
            } else {
                "ask the registry's administrator to add the key (iotlabel admin key add)"
            })
    };
    if st.kind != Kind::KeyChange || !policy.open_enrolment {
        return Err(unknown());
    }
    let KeyChangePayload::Enrol { account: name, public_key: pk } = payload::read(&st.payload)? else {
        return Err(unknown());
    };
    let key = public_key(&pk, "$.statement.payload.public_key")?;
    iotlabel_statement::verify(signed, &key).map_err(|e| match e {
        StatementError::BadSignature => Refusal::new(Code::BadSignature, e.to_string()).at("$.signature"),
        other => Refusal::new(Code::BadSignature, other.to_string()).at("$.statement.signer"),
    })?;
    iotlabel_statement::check_fresh(st, now, policy.freshness)
        .map_err(|e| Refusal::new(Code::NotFresh, e.to_string()).at("$.statement.issued_at"))?;
    check_account_name(&name)
        .map_err(|m| Refusal::new(Code::Malformed, m).at("$.statement.payload.account"))?;
    let slug = account_slug(&name);
    if slug != st.subject {
        return Err(Refusal::new(
            Code::Malformed,
            format!("the subject must be the account name's slug, {slug:?}"),
        )
        .at("$.statement.subject"));
    }
    if prior.account_exists {
        return Err(Refusal::new(
            Code::Forbidden,
            format!("{name} ({slug}) is already enrolled with another key"),
        )
        .suggest("a second key needs a key_change `add` signed by the first key, or an administrator"));
    }
    if !prior.overlapping.is_empty() {
        return Err(Refusal::new(
            Code::Forbidden,
            format!(
                "{name} ({slug}) would share label ids with {} (label ids begin with the brand's slug)",
                prior.overlapping.join(", ")
            ),
        )
        .suggest("such a name is enrolled by a registry administrator, who checks who is behind it"));
    }
    let account = Account::new(&name, Role::Manufacturer, now);
    Ok(Admission {
        account: slug.clone(),
        effect: Some(Effect::Enrol { key: key_record(&key, &slug, now), account }),
        digest: None,
        product: None,
    })
}

/// Evidence items outside the lab's accreditations: a requirement of a framework the lab is not
/// accredited for, or a control no requirement of those frameworks rests on.
fn out_of_scope(catalogs: &Catalogs, schemes: &[String], ev: &Evidence) -> Vec<Issue> {
    let held = schemes.join(", ");
    let cats: Vec<_> = schemes.iter().filter_map(|s| catalogs.framework(s)).collect();
    let mut out = Vec::new();
    for (i, item) in ev.items.iter().enumerate() {
        if let Some(r) = &item.requirement
            && !r.split(':').next().is_some_and(|fw| schemes.iter().any(|s| s == fw))
        {
            out.push(
                Issue::new(
                    format!("/items/{i}/requirement"),
                    format!("{r} is outside the lab's accreditations ({held})"),
                )
                .expected(format!("a requirement of {held}")),
            );
        }
        if let Some(c) = &item.control
            && !cats.iter().any(|cat| cat.requirements.iter().any(|r| r.controls.contains(c)))
        {
            out.push(
                Issue::new(
                    format!("/items/{i}/control"),
                    format!("no requirement of {held} rests on control {c}"),
                )
                .expected(format!("a control that {held} uses")),
            );
        }
    }
    out
}
