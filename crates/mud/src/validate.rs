//! Reading a MUD file: strict (RFC 8520, RFC 8519 and RFC 7951 exactly) or lenient (the
//! draft-era dialects found in the wild accepted, one warning per deviation, and normalised).
//!
//! Three passes over a tree that remembers positions: the dialect pass finds each known
//! deviation and rewrites it to the standard form (an error in strict mode, a warning in
//! lenient mode); the shape pass checks every member against the YANG table of `shape.rs`; the
//! rules pass checks what YANG types cannot say (ACL references both ways, unique names, which
//! matches may go together, the URLs).

use std::collections::{BTreeMap, BTreeSet};

use iotlabel_model::diagnostic::{did_you_mean, line_column, quote};
use iotlabel_model::{Diagnostic, Diagnostics};

use crate::shape::{Field, Leaf, ROOT, Shape};
use crate::tree::{self, Member, Node, Seg, V, path_string};
use crate::types::{AclType, Direction, MudFile, PortMatch};

/// How strictly to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// The RFCs exactly: every deviation is an error naming it.
    #[default]
    Strict,
    /// Known draft-era and vendor forms accepted with a warning each, and normalised.
    Lenient,
}

/// A file that was read: the MUD file (normalised) and the warnings about it.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub mud: MudFile,
    pub warnings: Vec<Diagnostic>,
}

/// The MUD root member of the ACLs, and its draft-era name.
const ACLS: &str = "ietf-access-control-list:acls";
const DRAFT_ACLS: &str = "ietf-access-control-list:access-lists";
/// The URN prefix RFC 8520 registers for well-known controller classes, and the ones it defines.
const MUD_URN: &str = "urn:ietf:params:mud:";
const MUD_URNS: &[&str] = &["urn:ietf:params:mud:dns", "urn:ietf:params:mud:ntp"];

/// RFC 8520 section 3.6: systeminfo SHOULD NOT exceed 60 characters of display space.
const SYSTEMINFO_SHOULD: usize = 60;

struct Problem {
    path: Vec<Seg>,
    /// Where to point, when not the value at `path` (a member's name).
    at: Option<usize>,
    message: String,
    expected: Option<String>,
    suggestion: Option<String>,
}

impl Problem {
    fn new(path: &[Seg], message: impl Into<String>) -> Self {
        Problem { path: path.to_vec(), at: None, message: message.into(), expected: None, suggestion: None }
    }
    fn at(mut self, at: usize) -> Self {
        self.at = Some(at);
        self
    }
    fn expected(mut self, e: impl Into<String>) -> Self {
        self.expected = Some(e.into());
        self
    }
    fn suggest(mut self, s: impl Into<String>) -> Self {
        self.suggestion = Some(s.into());
        self
    }
}

struct Ctx {
    mode: Mode,
    errors: Vec<Problem>,
    /// Deviations refused in strict mode (normalised all the same, so the later passes run).
    deviations: Vec<Problem>,
    warnings: Vec<Problem>,
}

impl Ctx {
    /// A known deviation: an error in strict mode, a warning in lenient mode (the caller
    /// normalises it either way, so one deviation is reported once).
    fn deviation(&mut self, p: Problem) {
        match self.mode {
            Mode::Strict => self.deviations.push(p),
            Mode::Lenient => self.warnings.push(p),
        }
    }
    fn error(&mut self, p: Problem) {
        self.errors.push(p);
    }
}

fn key(k: &str) -> Seg {
    Seg::Key(k.to_string())
}

fn with(path: &[Seg], seg: Seg) -> Vec<Seg> {
    let mut p = path.to_vec();
    p.push(seg);
    p
}

/// Reads a MUD file (`file` names it in messages).
pub fn read(file: &str, text: &str, mode: Mode) -> Result<Loaded, Diagnostics> {
    let mut root = match tree::parse(text) {
        Ok(r) => r,
        Err(e) => {
            let (line, column) = line_column(text, e.at);
            return Err(Diagnostics::new(
                file,
                vec![Diagnostic {
                    path: "$".into(),
                    line,
                    column,
                    message: format!("not valid JSON: {}", e.message),
                    expected: Some("a MUD file in JSON (RFC 8520, encoded as RFC 7951 says)".into()),
                    suggestion: None,
                }],
            ));
        }
    };
    let mut cx = Ctx { mode, errors: Vec::new(), deviations: Vec::new(), warnings: Vec::new() };
    duplicates(&root, &mut Vec::new(), &mut cx);
    if matches!(root.v, V::Obj(_)) {
        dialect(&mut root, &mut cx);
    }
    shape(&root, &ROOT, &mut Vec::new(), &mut cx);
    let mut mud = None;
    if cx.errors.is_empty() {
        match serde_json::from_value::<MudFile>(root.to_value()) {
            Ok(m) => {
                rules(&m, &mut cx);
                mud = Some(m);
            }
            Err(e) => cx.error(Problem::new(&[], format!("cannot be read as a MUD file: {e}"))),
        }
    }
    let locate = |ps: Vec<Problem>| -> Vec<Diagnostic> {
        let mut out: Vec<(usize, Diagnostic)> = ps
            .into_iter()
            .map(|p| {
                let at = p.at.unwrap_or_else(|| root.locate(&p.path));
                let (line, column) = line_column(text, at);
                let d = Diagnostic {
                    path: path_string(&p.path),
                    line,
                    column,
                    message: p.message,
                    expected: p.expected,
                    suggestion: p.suggestion,
                };
                (at, d)
            })
            .collect();
        out.sort_by_key(|(at, _)| *at);
        out.into_iter().map(|(_, d)| d).collect()
    };
    cx.errors.append(&mut cx.deviations);
    match (mud, cx.errors.is_empty()) {
        (Some(mud), true) => Ok(Loaded { mud, warnings: locate(cx.warnings) }),
        _ => Err(Diagnostics::new(file, locate(cx.errors))),
    }
}

/// Duplicate member names anywhere: RFC 8259 leaves them undefined, so they are refused.
fn duplicates(n: &Node, path: &mut Vec<Seg>, cx: &mut Ctx) {
    match &n.v {
        V::Obj(members) => {
            let mut seen = BTreeSet::new();
            for m in members {
                path.push(key(&m.name));
                if !seen.insert(m.name.as_str()) {
                    cx.error(
                        Problem::new(path, format!("duplicate member {}", quote(&m.name)))
                            .at(m.at)
                            .suggest("keep one of the two"),
                    );
                }
                duplicates(&m.node, path, cx);
                path.pop();
            }
        }
        V::Arr(items) => {
            for (i, x) in items.iter().enumerate() {
                path.push(Seg::Idx(i));
                duplicates(x, path, cx);
                path.pop();
            }
        }
        _ => {}
    }
}

/// Renames member `from` of `obj` to `to`, keeping its place; true when it was there.
fn rename(obj: &mut Node, from: &str, to: &str) -> Option<usize> {
    let members = obj.members_mut()?;
    if members.iter().any(|m| m.name == to) {
        return None;
    }
    let m = members.iter_mut().find(|m| m.name == from)?;
    m.name = to.to_string();
    Some(m.at)
}

/// The draft-era and vendor forms, each found, reported and rewritten to the standard form.
fn dialect(root: &mut Node, cx: &mut Ctx) {
    if let Some(at) = rename(root, DRAFT_ACLS, ACLS) {
        cx.deviation(
            Problem::new(
                &[key(ACLS)],
                format!("`{DRAFT_ACLS}` is the pre-RFC 8519 name of the ACL container"),
            )
            .at(at)
            .expected(format!("`{ACLS}`"))
            .suggest(format!("rename the member to `{ACLS}`")),
        );
    }
    let mud_path = vec![key("ietf-mud:mud")];
    if let Some(mud) = root.get_mut("ietf-mud:mud").filter(|m| matches!(m.v, V::Obj(_))) {
        if mud.get("mud-version").is_none() {
            cx.deviation(
                Problem::new(&mud_path, "no `mud-version`")
                    .expected("`\"mud-version\": 1` (mandatory in RFC 8520)")
                    .suggest("add \"mud-version\": 1"),
            );
            let at = mud.at;
            mud.insert(Member { name: "mud-version".into(), at, node: Node::new(at, V::Num(1.into())) });
        }
        if mud.get("mud-url").is_none() {
            // Nothing to normalise it to: lenient mode keeps the file without one.
            cx.deviation(
                Problem::new(&mud_path, "no `mud-url`")
                    .expected("the https URL the file is published at (mandatory in RFC 8520)")
                    .suggest("add \"mud-url\": \"https://maker.example/mud/device.json\""),
            );
        }
        if let Some(lu) = mud.get_mut("last-update")
            && let Some(s) = lu.as_str()
        {
            let no_zone = crate::shape::check::date_and_time(s).is_err()
                && crate::shape::check::date_and_time(&format!("{s}Z")).is_ok();
            if no_zone {
                cx.deviation(
                    Problem::new(
                        &with(&mud_path, key("last-update")),
                        format!("{} has no UTC offset", quote(s)),
                    )
                    .expected("a date-and-time with its offset, e.g. 2019-07-23T19:54:24Z")
                    .suggest(format!("write {s}Z if the time is UTC (lenient mode reads it so)")),
                );
                lu.v = V::Str(format!("{s}Z"));
            }
        }
        for dir in ["from-device-policy", "to-device-policy"] {
            let p = with(&mud_path, key(dir));
            let Some(list) = mud
                .get_mut(dir)
                .and_then(|x| x.get_mut("access-lists"))
                .and_then(|x| x.get_mut("access-list"))
                .and_then(Node::elements_mut)
            else {
                continue;
            };
            for (i, entry) in list.iter_mut().enumerate() {
                let ep = [p.clone(), vec![key("access-lists"), key("access-list"), Seg::Idx(i)]].concat();
                if let Some(at) = rename(entry, "acl-name", "name") {
                    cx.deviation(
                        Problem::new(&with(&ep, key("name")), "`acl-name` is the draft-era name of `name`")
                            .at(at)
                            .suggest("rename the member to `name`"),
                    );
                }
                if let Some(m) = entry.remove("acl-type") {
                    cx.deviation(
                        Problem::new(&ep, "`acl-type` in a policy's access list is a draft-era member")
                            .at(m.at)
                            .expected("only `name` (the ACL's own `type` says its type)")
                            .suggest("remove `acl-type` here"),
                    );
                }
            }
        }
        if mud.get("from-device-policy").is_none() && mud.get("to-device-policy").is_none() {
            // Legal YANG, but a MUD manager then allows the device nothing: worth saying.
            cx.warnings.push(
                Problem::new(
                    &mud_path,
                    "no `from-device-policy` or `to-device-policy`: the device may talk to nothing",
                )
                .suggest("add the policies naming the ACLs the device needs"),
            );
        }
    }
    let acls_path = vec![key(ACLS), key("acl")];
    let Some(acls) = root.get_mut(ACLS).and_then(|a| a.get_mut("acl")).and_then(Node::elements_mut) else {
        return;
    };
    for (i, acl) in acls.iter_mut().enumerate() {
        let ap = with(&acls_path, Seg::Idx(i));
        if let Some(at) = rename(acl, "acl-name", "name") {
            cx.deviation(
                Problem::new(&with(&ap, key("name")), "`acl-name` is the draft-era name of `name`")
                    .at(at)
                    .suggest("rename the member to `name`"),
            );
        }
        if let Some(at) = rename(acl, "acl-type", "type") {
            cx.deviation(
                Problem::new(&with(&ap, key("type")), "`acl-type` is the draft-era name of `type`")
                    .at(at)
                    .suggest("rename the member to `type`"),
            );
        }
        if let Some(t) = acl.get_mut("type")
            && let Some(s) = t.as_str()
        {
            let bare = s.strip_prefix("ietf-access-control-list:").unwrap_or(s);
            let full = match bare {
                "ipv4" | "ipv4-acl" => Some("ipv4-acl-type"),
                "ipv6" | "ipv6-acl" => Some("ipv6-acl-type"),
                "eth" | "eth-acl" => Some("eth-acl-type"),
                _ => None,
            };
            if let Some(full) = full {
                cx.deviation(
                    Problem::new(
                        &with(&ap, key("type")),
                        format!("{} is not an ACL type of RFC 8519", quote(s)),
                    )
                    .expected(format!("one of {}", AclType::NAMES.join(", ")))
                    .suggest(format!("write \"{full}\"")),
                );
                t.v = V::Str(full.into());
            } else if bare != s {
                // The module-qualified identity is legal RFC 7951: no deviation.
                t.v = V::Str(bare.into());
            }
        }
        if let Some(at) = rename(acl, "access-list-entries", "aces") {
            cx.deviation(
                Problem::new(
                    &with(&ap, key("aces")),
                    "`access-list-entries` is the draft-era name of `aces`",
                )
                .at(at)
                .suggest("rename the member to `aces`"),
            );
        }
        let aces_path = [ap.clone(), vec![key("aces"), key("ace")]].concat();
        let Some(aces) = acl.get_mut("aces").and_then(|a| a.get_mut("ace")).and_then(Node::elements_mut)
        else {
            continue;
        };
        let mut names: BTreeMap<String, usize> = BTreeMap::new();
        for (j, ace) in aces.iter_mut().enumerate() {
            let p = with(&aces_path, Seg::Idx(j));
            ace_dialect(ace, &p, cx);
            // Names are the list's key: a repeated one is renamed (lenient) so none is lost.
            if let Some(name) = ace.get("name").and_then(Node::as_str).map(str::to_string) {
                let n = names.entry(name.clone()).or_insert(0);
                *n += 1;
                if *n > 1 {
                    let mut new = format!("{name}-{n}");
                    while names.contains_key(&new) {
                        new.push('x');
                    }
                    cx.deviation(
                        Problem::new(
                            &with(&p, key("name")),
                            format!("ACE name {} is used twice in this ACL", quote(&name)),
                        )
                        .expected("a name of its own for each ACE (the list's key)")
                        .suggest(format!("rename it, e.g. to {} (lenient mode does)", quote(&new))),
                    );
                    if let Some(x) = ace.get_mut("name") {
                        x.v = V::Str(new.clone());
                    }
                    names.insert(new, 1);
                }
            }
        }
    }
}

const MUD_MATCHES: &[&str] =
    &["manufacturer", "same-manufacturer", "model", "local-networks", "controller", "my-controller"];
const EMPTY_LEAVES: &[&str] = &["same-manufacturer", "local-networks", "my-controller"];
const PORT_MEMBERS: &[(&str, &str)] = &[
    ("source-port-range-or-operator", "source-port"),
    ("destination-port-range-or-operator", "destination-port"),
    ("source-port-range", "source-port"),
    ("destination-port-range", "destination-port"),
];

fn ace_dialect(ace: &mut Node, p: &[Seg], cx: &mut Ctx) {
    if let Some(at) = rename(ace, "rule-name", "name") {
        cx.deviation(
            Problem::new(&with(p, key("name")), "`rule-name` is the draft-era name of `name`")
                .at(at)
                .suggest("rename the member to `name`"),
        );
    }
    let mp = with(p, key("matches"));
    let Some(matches) = ace.get_mut("matches").filter(|m| matches!(m.v, V::Obj(_))) else { return };
    for (old, new) in [("ipv4-acl", "ipv4"), ("ipv6-acl", "ipv6"), ("ietf-mud:mud-acl", "ietf-mud:mud")] {
        if let Some(at) = rename(matches, old, new) {
            cx.deviation(
                Problem::new(
                    &with(&mp, key(new)),
                    format!("`{old}` is the draft-era name of the `{new}` match"),
                )
                .at(at)
                .suggest(format!("rename the member to `{new}`")),
            );
        }
    }
    // MUD matches written directly in `matches` as `ietf-mud:<match>` (draft-era).
    for name in MUD_MATCHES {
        let qualified = format!("ietf-mud:{name}");
        if let Some(m) = matches.remove(&qualified) {
            cx.deviation(
                Problem::new(
                    &with(&mp, key(&qualified)),
                    format!("`{qualified}` belongs inside the `ietf-mud:mud` match"),
                )
                .at(m.at)
                .expected(format!("\"ietf-mud:mud\": {{\"{name}\": ...}}"))
                .suggest("move it into an `ietf-mud:mud` member of `matches`"),
            );
            if matches.get("ietf-mud:mud").is_none() {
                matches.insert(Member {
                    name: "ietf-mud:mud".into(),
                    at: m.at,
                    node: Node::new(m.node.at, V::Obj(Vec::new())),
                });
            }
            if let Some(c) = matches.get_mut("ietf-mud:mud") {
                c.insert(Member { name: (*name).to_string(), at: m.at, node: m.node });
            }
        }
    }
    // Ports written inside the IP match (draft-era), moved to the transport match.
    for fam in ["ipv4", "ipv6"] {
        let Some(ip) = matches.get_mut(fam) else { continue };
        let proto = ip.get("protocol").and_then(Node::as_u64);
        let mut moved = Vec::new();
        for (old, new) in PORT_MEMBERS {
            if let Some(m) = ip.remove(old) {
                moved.push((*old, *new, m));
            }
        }
        for (old, new, m) in moved {
            let transport = match proto {
                Some(6) => "tcp",
                Some(17) => "udp",
                _ => {
                    cx.error(
                        Problem::new(
                            &with(&with(&mp, key(fam)), key(old)),
                            format!("`{old}` in the `{fam}` match, with no TCP or UDP protocol"),
                        )
                        .at(m.at)
                        .expected(format!("`{new}` inside a `tcp` or `udp` match, with `protocol` 6 or 17"))
                        .suggest(format!(
                            "set \"protocol\": 6 or 17 and move the ports to `tcp` or `udp` as `{new}`"
                        )),
                    );
                    continue;
                }
            };
            cx.deviation(
                Problem::new(
                    &with(&with(&mp, key(fam)), key(old)),
                    format!("`{old}` is a draft-era port match inside the `{fam}` match"),
                )
                .at(m.at)
                .expected(format!("`{new}` inside the `{transport}` match"))
                .suggest(format!("move it to \"{transport}\": {{\"{new}\": ...}}")),
            );
            let mut node = m.node;
            // A one-port range is the `eq` operator.
            let lo = node.get("lower-port").and_then(Node::as_u64);
            let hi = node.get("upper-port").and_then(Node::as_u64);
            if let (Some(lo), Some(hi), 2) = (lo, hi, node.members().len())
                && lo == hi
            {
                let at = node.at;
                node.v = V::Obj(vec![
                    Member { name: "operator".into(), at, node: Node::new(at, V::Str("eq".into())) },
                    Member { name: "port".into(), at, node: Node::new(at, V::Num(lo.into())) },
                ]);
            }
            if matches.get(transport).is_none() {
                matches.insert(Member {
                    name: transport.into(),
                    at: m.at,
                    node: Node::new(m.at, V::Obj(Vec::new())),
                });
            }
            if let Some(t) = matches.get_mut(transport)
                && t.get(new).is_none()
            {
                t.insert(Member { name: new.into(), at: m.at, node });
            }
        }
    }
    // Ethertypes as hex strings ("0x0800"): RFC 7951 writes a uint16 as a number.
    if let Some(et) = matches.get_mut("eth").and_then(|e| e.get_mut("ethertype"))
        && let Some(s) = et.as_str()
        && let Some(n) = s
            .strip_prefix("0x")
            .or_else(|| s.strip_prefix("0X"))
            .and_then(|h| u16::from_str_radix(h, 16).ok())
    {
        cx.deviation(
            Problem::new(
                &[mp.clone(), vec![key("eth"), key("ethertype")]].concat(),
                format!("ethertype {} is a hex string", quote(s)),
            )
            .expected("a number (RFC 7951 encodes uint16 as a JSON number)")
            .suggest(format!("write {n}")),
        );
        et.v = V::Num(n.into());
    }
    let mud_mp = with(&mp, key("ietf-mud:mud"));
    if let Some(m) = matches.get_mut("ietf-mud:mud") {
        for name in EMPTY_LEAVES {
            if let Some(x) = m.get_mut(name)
                && matches!(&x.v, V::Arr(a) if a.is_empty())
            {
                cx.deviation(
                    Problem::new(&with(&mud_mp, key(name)), format!("`{name}` is `[]`"))
                        .expected("[null] (RFC 7951 encodes the YANG empty type so)")
                        .suggest("write [null]"),
                );
                let at = x.at;
                x.v = V::Arr(vec![Node::new(at, V::Null)]);
            }
        }
        if let Some(c) = m.get("controller").and_then(Node::as_str)
            && c.starts_with(MUD_URN)
            && !MUD_URNS.contains(&c)
        {
            cx.deviation(
                Problem::new(
                    &with(&mud_mp, key("controller")),
                    format!("{} is not a controller URN that RFC 8520 defines", quote(c)),
                )
                .expected(format!("{} or a controller URI of the maker's own", MUD_URNS.join(" or ")))
                .suggest("use the controller's own URI, or my-controller"),
            );
        }
    }
    if let Some(f) = ace.get_mut("actions").and_then(|a| a.get_mut("forwarding"))
        && let Some(s) = f.as_str().and_then(|s| s.strip_prefix("ietf-access-control-list:"))
    {
        f.v = V::Str(s.to_string());
    }
}

fn shape(n: &Node, s: &Shape, path: &mut Vec<Seg>, cx: &mut Ctx) {
    match s {
        Shape::Obj(fields) => object(n, fields, path, cx),
        Shape::List(fields) => {
            let V::Arr(items) = &n.v else {
                cx.error(
                    Problem::new(path, format!("is {}", n.kind()))
                        .expected("an array of entries (a YANG list)"),
                );
                return;
            };
            for (i, x) in items.iter().enumerate() {
                path.push(Seg::Idx(i));
                object(x, fields, path, cx);
                path.pop();
            }
        }
        Shape::LeafList(l) => {
            let V::Arr(items) = &n.v else {
                cx.error(
                    Problem::new(path, format!("is {}", n.kind())).expected("an array (a YANG leaf-list)"),
                );
                return;
            };
            for (i, x) in items.iter().enumerate() {
                path.push(Seg::Idx(i));
                leaf(x, *l, path, cx);
                path.pop();
            }
        }
        Shape::Leaf(l) => leaf(n, *l, path, cx),
    }
}

fn object(n: &Node, fields: &[Field], path: &mut Vec<Seg>, cx: &mut Ctx) {
    let V::Obj(members) = &n.v else {
        cx.error(Problem::new(path, format!("is {}", n.kind())).expected("an object"));
        return;
    };
    // Other modules may augment the MUD container (`module:name`): kept as written.
    let augmentable = path.len() == 1 && path[0] == key("ietf-mud:mud");
    for m in members {
        path.push(key(&m.name));
        match fields.iter().find(|f| f.name == m.name) {
            Some(f) => shape(&m.node, &f.shape, path, cx),
            None if augmentable && m.name.contains(':') && !m.name.starts_with("ietf-mud:") => {}
            None => {
                let names = fields.iter().map(|f| f.name);
                let mut p =
                    Problem::new(path, format!("unknown member {}", quote(&m.name))).at(m.at).expected(
                        format!("one of {}", fields.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")),
                    );
                if let Some(s) = did_you_mean(&m.name, names) {
                    p = p.suggest(s);
                }
                cx.error(p);
            }
        }
        path.pop();
    }
    for f in fields.iter().filter(|f| f.required) {
        if n.get(f.name).is_none() {
            cx.error(
                Problem::new(path, format!("`{}` is missing", f.name))
                    .expected(format!("a `{}` member (mandatory)", f.name)),
            );
        }
    }
}

fn leaf(n: &Node, l: Leaf, path: &[Seg], cx: &mut Ctx) {
    match l {
        Leaf::Str { min, max, check } => {
            let Some(s) = n.as_str() else {
                cx.error(Problem::new(path, format!("is {}", n.kind())).expected("a string"));
                return;
            };
            let len = s.chars().count();
            if len < min || len > max {
                let want = if max == usize::MAX {
                    format!("at least {min} characters")
                } else {
                    format!("{min} to {max} characters")
                };
                cx.error(Problem::new(path, format!("{} has {len} characters", quote(s))).expected(want));
                return;
            }
            if let Some(Err(e)) = check.map(|c| c(s)) {
                cx.error(Problem::new(path, format!("{} is not of the right form", quote(s))).expected(e));
            }
        }
        Leaf::Uint { min, max } => {
            let ok = n.as_u64().filter(|v| (min..=max).contains(v));
            if ok.is_none() {
                let got = match &n.v {
                    V::Num(x) => format!("{x} is out of range"),
                    V::Str(s) => format!("{} is a string", quote(s)),
                    _ => format!("is {}", n.kind()),
                };
                let mut p = Problem::new(path, got).expected(format!("an integer from {min} to {max}"));
                if let V::Str(s) = &n.v
                    && s.parse::<u64>().is_ok()
                {
                    p = p.suggest(format!("write the number without quotes: {s}"));
                }
                cx.error(p);
            }
        }
        Leaf::Bool => {
            if !matches!(n.v, V::Bool(_)) {
                cx.error(Problem::new(path, format!("is {}", n.kind())).expected("true or false"));
            }
        }
        Leaf::Empty => {
            let ok = matches!(&n.v, V::Arr(a) if a.len() == 1 && matches!(a[0].v, V::Null));
            if !ok {
                cx.error(
                    Problem::new(path, format!("is {}", n.kind()))
                        .expected("[null] (the YANG empty type in RFC 7951)"),
                );
            }
        }
        Leaf::Enum(values) => {
            let Some(s) = n.as_str() else {
                cx.error(
                    Problem::new(path, format!("is {}", n.kind()))
                        .expected(format!("one of {}", values.join(", "))),
                );
                return;
            };
            if !values.contains(&s) {
                let mut p = Problem::new(path, format!("{} is not allowed here", quote(s)))
                    .expected(format!("one of {}", values.join(", ")));
                if let Some(d) = did_you_mean(s, values.iter().copied()) {
                    p = p.suggest(d);
                }
                cx.error(p);
            }
        }
    }
}

/// What YANG types cannot say: references, names, match combinations.
fn rules(m: &MudFile, cx: &mut Ctx) {
    if let Some(s) = &m.mud.systeminfo {
        let n = s.chars().count();
        if n > SYSTEMINFO_SHOULD {
            cx.warnings.push(
                Problem::new(
                    &[key("ietf-mud:mud"), key("systeminfo")],
                    format!("is {n} characters long: RFC 8520 says it SHOULD NOT exceed {SYSTEMINFO_SHOULD}"),
                )
                .suggest("shorten it: administrators see it in a short list"),
            );
        }
    }
    let acls_path = vec![key(ACLS), key("acl")];
    let mut by_name: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, acl) in m.acls().iter().enumerate() {
        if by_name.insert(acl.name.as_str(), i).is_some() {
            cx.error(
                Problem::new(
                    &[acls_path.clone(), vec![Seg::Idx(i), key("name")]].concat(),
                    format!("a second ACL is named {}", quote(&acl.name)),
                )
                .expected("one name per ACL (the list's key)"),
            );
        }
    }
    let mut used = BTreeSet::new();
    for (dir, member) in
        [(Direction::FromDevice, "from-device-policy"), (Direction::ToDevice, "to-device-policy")]
    {
        for (i, name) in m.policy_names(dir).into_iter().enumerate() {
            used.insert(name);
            if !by_name.contains_key(name) {
                let p = vec![
                    key("ietf-mud:mud"),
                    key(member),
                    key("access-lists"),
                    key("access-list"),
                    Seg::Idx(i),
                    key("name"),
                ];
                let mut pr =
                    Problem::new(&p, format!("names ACL {}, which the file does not define", quote(name)))
                        .expected("the name of an ACL in ietf-access-control-list:acls");
                if let Some(s) = did_you_mean(name, by_name.keys().copied()) {
                    pr = pr.suggest(s);
                }
                cx.error(pr);
            }
        }
    }
    for (i, acl) in m.acls().iter().enumerate() {
        let ap = with(&acls_path, Seg::Idx(i));
        if !used.contains(acl.name.as_str()) {
            cx.error(
                Problem::new(
                    &with(&ap, key("name")),
                    format!("ACL {} is named by no policy", quote(&acl.name)),
                )
                .expected("every ACL named by from-device-policy or to-device-policy")
                .suggest("name it in a policy, or remove it"),
            );
        }
        for (j, ace) in acl.aces().iter().enumerate() {
            let p = [ap.clone(), vec![key("aces"), key("ace"), Seg::Idx(j), key("matches")]].concat();
            ace_rules(acl.acl_type, &ace.matches, &p, cx);
        }
    }
}

fn ace_rules(t: Option<AclType>, x: &crate::types::Matches, p: &[Seg], cx: &mut Ctx) {
    if x.ipv4.is_some() && x.ipv6.is_some() {
        cx.error(
            Problem::new(p, "matches both `ipv4` and `ipv6`")
                .expected("one of them (a choice in RFC 8519)")
                .suggest("split it into two ACEs in an IPv4 and an IPv6 ACL"),
        );
    }
    let l4 = [x.tcp.is_some(), x.udp.is_some(), x.icmp.is_some()].iter().filter(|b| **b).count();
    if l4 > 1 {
        cx.error(
            Problem::new(p, "matches more than one of `tcp`, `udp`, `icmp`")
                .expected("at most one of them (a choice in RFC 8519)"),
        );
    }
    if let Some(t) = t {
        let (eth, v4, v6) = t.allows();
        let name = AclType::NAMES[t as usize];
        for (present, ok, member) in
            [(x.eth.is_some(), eth, "eth"), (x.ipv4.is_some(), v4, "ipv4"), (x.ipv6.is_some(), v6, "ipv6")]
        {
            if present && !ok {
                cx.deviation(
                    Problem::new(
                        &with(p, key(member)),
                        format!("an `{member}` match in an ACL of type {name}"),
                    )
                    .expected(format!("only the matches an ACL of type {name} allows"))
                    .suggest("move the ACE to an ACL of a type that allows it (e.g. a mixed type)"),
                );
            }
        }
    }
    let proto = x.ipv4.as_ref().and_then(|i| i.protocol).or(x.ipv6.as_ref().and_then(|i| i.protocol));
    let fam = if x.ipv4.is_some() { "ipv4" } else { "ipv6" };
    for (present, want, member) in [
        (x.tcp.is_some(), &[6u8][..], "tcp"),
        (x.udp.is_some(), &[17u8][..], "udp"),
        (x.icmp.is_some(), &[1u8, 58][..], "icmp"),
    ] {
        if let (true, Some(pr)) = (present, proto)
            && !want.contains(&pr)
        {
            cx.error(
                Problem::new(
                    &[p.to_vec(), vec![key(fam), key("protocol")]].concat(),
                    format!("protocol {pr} with a `{member}` match"),
                )
                .expected(format!(
                    "protocol {} for a `{member}` match",
                    want.iter().map(u8::to_string).collect::<Vec<_>>().join(" or ")
                )),
            );
        }
    }
    let ports = [
        ("tcp", x.tcp.as_ref().map(|t| (&t.source_port, &t.destination_port))),
        ("udp", x.udp.as_ref().map(|u| (&u.source_port, &u.destination_port))),
    ];
    for (member, pp) in ports {
        let Some((s, d)) = pp else { continue };
        for (name, port) in [("source-port", s), ("destination-port", d)] {
            if let Some(PortMatch::Range { lower_port, upper_port }) = port
                && lower_port > upper_port
            {
                cx.error(
                    Problem::new(
                        &[p.to_vec(), vec![key(member), key(name)]].concat(),
                        format!("lower-port {lower_port} is above upper-port {upper_port}"),
                    )
                    .expected("lower-port <= upper-port"),
                );
            }
        }
    }
    if let Some(i) = &x.ipv4
        && (i.dst_dnsname.is_some() && i.destination_network.is_some()
            || i.src_dnsname.is_some() && i.source_network.is_some())
    {
        cx.error(
            Problem::new(&with(p, key("ipv4")), "a DNS name and a network for the same end")
                .expected("one of them (a choice in RFC 8520 section 4)"),
        );
    }
    if let Some(i) = &x.ipv6
        && (i.dst_dnsname.is_some() && i.destination_network.is_some()
            || i.src_dnsname.is_some() && i.source_network.is_some())
    {
        cx.error(
            Problem::new(&with(p, key("ipv6")), "a DNS name and a network for the same end")
                .expected("one of them (a choice in RFC 8520 section 4)"),
        );
    }
    if let Some(mm) = &x.mud {
        let n = [
            mm.manufacturer.is_some(),
            mm.same_manufacturer.is_some(),
            mm.model.is_some(),
            mm.local_networks.is_some(),
            mm.controller.is_some(),
            mm.my_controller.is_some(),
        ]
        .iter()
        .filter(|b| **b)
        .count();
        if n == 0 {
            cx.error(
                Problem::new(&with(p, key("ietf-mud:mud")), "an empty `ietf-mud:mud` match")
                    .expected(format!("one of {}", MUD_MATCHES.join(", "))),
            );
        }
        let dns = x.ipv4.as_ref().is_some_and(|i| i.dst_dnsname.is_some() || i.src_dnsname.is_some())
            || x.ipv6.as_ref().is_some_and(|i| i.dst_dnsname.is_some() || i.src_dnsname.is_some());
        if dns {
            cx.error(
                Problem::new(&with(p, key("ietf-mud:mud")), "a MUD class and a DNS name in one ACE")
                    .expected("one peer per ACE: either a class of devices or a DNS name"),
            );
        }
    }
}
