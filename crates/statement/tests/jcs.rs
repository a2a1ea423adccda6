//! RFC 8785's published examples (tests/data/rfc8785.toml, origin noted there): the canonical
//! form of each example input, the UTF-8 bytes of section 3.2.4, and every number of Appendix B.

use iotlabel_statement::jcs;
use serde::Deserialize;

#[derive(Deserialize)]
struct Examples {
    examples: Vec<Example>,
    utf8: Utf8,
    numbers: Vec<Number>,
}

#[derive(Deserialize)]
struct Example {
    section: String,
    input: String,
    output: String,
}

#[derive(Deserialize)]
struct Utf8 {
    hex: String,
}

#[derive(Deserialize)]
struct Number {
    bits: String,
    text: Option<String>,
    error: Option<String>,
}

fn examples() -> Examples {
    toml::from_str(include_str!("data/rfc8785.toml")).expect("tests/data/rfc8785.toml parses")
}

#[test]
fn the_rfc_examples_canonicalise_to_the_published_output() {
    let ex = examples();
    assert_eq!(ex.examples.len(), 2);
    for e in &ex.examples {
        let value: serde_json::Value = serde_json::from_str(&e.input).expect("the input is JSON");
        let bytes = jcs::to_vec(&value).expect("canonical");
        assert_eq!(String::from_utf8(bytes).unwrap(), e.output, "RFC 8785 section {}", e.section);
        assert_eq!(jcs::canonicalize_text(&e.input).unwrap(), e.output, "section {} from text", e.section);
    }
}

#[test]
fn the_canonical_bytes_of_section_3_2_2_are_the_published_utf8() {
    let ex = examples();
    let expected = hex::decode(ex.utf8.hex.split_whitespace().collect::<String>()).unwrap();
    let first = ex.examples.iter().find(|e| e.section == "3.2.2").unwrap();
    assert_eq!(jcs::canonicalize_text(&first.input).unwrap().into_bytes(), expected);
}

#[test]
fn every_number_of_appendix_b_is_written_as_published() {
    let ex = examples();
    assert_eq!(ex.numbers.len(), 26);
    for n in &ex.numbers {
        let value = f64::from_bits(u64::from_str_radix(&n.bits, 16).unwrap());
        match (&n.text, &n.error) {
            (Some(text), None) => {
                let written = String::from_utf8(jcs::to_vec(&value).unwrap()).unwrap();
                assert_eq!(&written, text, "Appendix B {}", n.bits);
                // Reading the canonical text back gives the same double.
                let back: f64 = serde_json::from_str(&written).unwrap();
                assert_eq!(back.to_bits() & !(1 << 63), value.to_bits() & !(1 << 63), "{}", n.bits);
            }
            (None, Some(kind)) => {
                assert!(jcs::to_vec(&value).is_err(), "Appendix B {} ({kind}) must be refused", n.bits);
            }
            _ => panic!("{}: give a text or an error", n.bits),
        }
    }
}

#[test]
fn order_and_spacing_do_not_change_the_canonical_form() {
    let a = r#"{"b": [1, 2.50, {"y": true, "x": null}], "a": "\u00e9"}"#;
    let b = "{\n  \"a\" : \"é\",\n  \"b\":[1,2.5,{\"x\":null,\"y\":true}]\n}";
    assert_eq!(jcs::canonicalize_text(a).unwrap(), jcs::canonicalize_text(b).unwrap());
    assert_eq!(jcs::canonicalize_text(a).unwrap(), r#"{"a":"é","b":[1,2.5,{"x":null,"y":true}]}"#);
}
