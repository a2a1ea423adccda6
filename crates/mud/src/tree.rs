//! A JSON tree that remembers where each value and member name starts in the text, so that
//! every problem is reported at its line and column with its JSON path.

use serde_json::{Map, Number, Value};

/// One value of the file and where it starts (byte offset).
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub at: usize,
    pub v: V,
}

#[derive(Debug, Clone)]
pub(crate) enum V {
    Null,
    Bool(bool),
    Num(Number),
    Str(String),
    Arr(Vec<Node>),
    /// Members in file order, each with the offset of its name.
    Obj(Vec<Member>),
}

#[derive(Debug, Clone)]
pub(crate) struct Member {
    pub name: String,
    pub at: usize,
    pub node: Node,
}

/// A JSON path segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    Key(String),
    Idx(usize),
}

/// A JSON path as users read it: `$["ietf-mud:mud"]["mud-url"]`, `$.x[3]`.
pub(crate) fn path_string(path: &[Seg]) -> String {
    let mut s = String::from("$");
    for seg in path {
        match seg {
            Seg::Idx(i) => s.push_str(&format!("[{i}]")),
            Seg::Key(k) => {
                let plain = k.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                    && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                if plain {
                    s.push('.');
                    s.push_str(k);
                } else {
                    s.push_str(&format!("[{}]", serde_json::to_string(k).unwrap_or_default()));
                }
            }
        }
    }
    s
}

/// A syntax error: where and what.
pub(crate) struct SyntaxError {
    pub at: usize,
    pub message: String,
}

/// Parses strict JSON (RFC 8259; no comments, no trailing commas).
pub(crate) fn parse(text: &str) -> Result<Node, SyntaxError> {
    let options = jsonc_parser::ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let parsed = jsonc_parser::parse_to_ast(text, &Default::default(), &options)
        .map_err(|e| SyntaxError { at: e.range().start, message: e.kind().to_string() })?;
    let Some(root) = parsed.value else {
        return Err(SyntaxError { at: 0, message: "the file is empty".into() });
    };
    // jsonc-parser is more permissive than RFC 8259 in places: serde_json has the last word.
    if let Err(e) = serde_json::from_str::<serde::de::IgnoredAny>(text) {
        let at = offset_of(text, e.line(), e.column());
        return Err(SyntaxError { at, message: e.to_string() });
    }
    Ok(node(root))
}

fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return offset + l.char_indices().nth(column.saturating_sub(1)).map_or(l.len(), |c| c.0);
        }
        offset += l.len();
    }
    text.len()
}

fn node(v: jsonc_parser::ast::Value<'_>) -> Node {
    use jsonc_parser::ast::Value as J;
    use jsonc_parser::common::Ranged;
    let at = v.range().start;
    let v = match v {
        J::StringLit(s) => V::Str(s.value.into_owned()),
        // Out-of-range literals become null, refused later as the wrong type at their place.
        J::NumberLit(n) => serde_json::from_str::<Number>(n.value).map_or(V::Null, V::Num),
        J::BooleanLit(b) => V::Bool(b.value),
        J::NullKeyword(_) => V::Null,
        J::Array(a) => V::Arr(a.elements.into_iter().map(node).collect()),
        J::Object(o) => V::Obj(
            o.properties
                .into_iter()
                .map(|p| {
                    let at = p.name.range().start;
                    Member { name: p.name.into_string(), at, node: node(p.value) }
                })
                .collect(),
        ),
    };
    Node { at, v }
}

impl Node {
    pub fn new(at: usize, v: V) -> Self {
        Node { at, v }
    }

    pub fn members(&self) -> &[Member] {
        match &self.v {
            V::Obj(m) => m,
            _ => &[],
        }
    }

    pub fn members_mut(&mut self) -> Option<&mut Vec<Member>> {
        match &mut self.v {
            V::Obj(m) => Some(m),
            _ => None,
        }
    }

    pub fn elements_mut(&mut self) -> Option<&mut Vec<Node>> {
        match &mut self.v {
            V::Arr(a) => Some(a),
            _ => None,
        }
    }

    pub fn get(&self, key: &str) -> Option<&Node> {
        self.members().iter().find(|m| m.name == key).map(|m| &m.node)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Node> {
        self.members_mut()?.iter_mut().find(|m| m.name == key).map(|m| &mut m.node)
    }

    pub fn remove(&mut self, key: &str) -> Option<Member> {
        let m = self.members_mut()?;
        let i = m.iter().position(|m| m.name == key)?;
        Some(m.remove(i))
    }

    pub fn insert(&mut self, member: Member) {
        if let Some(m) = self.members_mut() {
            m.retain(|x| x.name != member.name);
            m.push(member);
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.v {
            V::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_u64(&self) -> Option<u64> {
        match &self.v {
            V::Num(n) => n.as_u64(),
            _ => None,
        }
    }

    pub fn kind(&self) -> &'static str {
        match &self.v {
            V::Null => "null",
            V::Bool(_) => "a boolean",
            V::Num(_) => "a number",
            V::Str(_) => "a string",
            V::Arr(_) => "an array",
            V::Obj(_) => "an object",
        }
    }

    pub fn to_value(&self) -> Value {
        match &self.v {
            V::Null => Value::Null,
            V::Bool(b) => Value::Bool(*b),
            V::Num(n) => Value::Number(n.clone()),
            V::Str(s) => Value::String(s.clone()),
            V::Arr(a) => Value::Array(a.iter().map(Node::to_value).collect()),
            V::Obj(m) => {
                let mut map = Map::new();
                for x in m {
                    map.insert(x.name.clone(), x.node.to_value());
                }
                Value::Object(map)
            }
        }
    }

    /// The offset of the value at `path` (or of the deepest existing value on the way).
    pub fn locate(&self, path: &[Seg]) -> usize {
        let mut n = self;
        for seg in path {
            let next = match (seg, &n.v) {
                (Seg::Key(k), V::Obj(_)) => n.get(k),
                (Seg::Idx(i), V::Arr(a)) => a.get(*i),
                _ => None,
            };
            match next {
                Some(x) => n = x,
                None => break,
            }
        }
        n.at
    }
}
