//! Times the located parser on files: `cargo run --release -p iotlabel-model --example parse_file -- FILE...`
//! (prints the number of problems and the time per file; used to measure error-heavy inputs).

use std::time::Instant;

use iotlabel_model::{Format, parse_declaration, parse_evidence};

fn main() {
    let mut evidence = false;
    for arg in std::env::args().skip(1) {
        if arg == "--generated" {
            generated();
            continue;
        }
        if arg == "--evidence" {
            evidence = true;
            continue;
        }
        let path = std::path::Path::new(&arg);
        let Some(format) = Format::from_path(path) else {
            eprintln!("{arg}: not .toml or .json");
            continue;
        };
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{arg}: {e}");
                continue;
            }
        };
        let start = Instant::now();
        let outcome = if evidence {
            parse_evidence(&arg, &text, format).map(|_| ())
        } else {
            parse_declaration(&arg, &text, format).map(|_| ())
        };
        let took = start.elapsed();
        match outcome {
            Ok(()) => println!("{arg}: valid in {took:.2?}"),
            Err(d) => {
                println!("{arg}: {} diagnostics in {took:.2?}", d.diagnostics.len());
                if std::env::var_os("SHOW").is_some() {
                    print!("{d}");
                }
            }
        }
    }
}

/// Parse time of valid generated declarations (the bulk path), plain and hostile text.
fn generated() {
    use iotlabel_model::testgen::{TextStyle, declaration_with};
    for style in [TextStyle::Plain, TextStyle::Hostile] {
        let texts: Vec<String> =
            (0..20_000).map(|s| serde_json::to_string(&declaration_with(s, style)).unwrap()).collect();
        for round in 0..3 {
            let start = Instant::now();
            let mut ok = 0;
            for t in &texts {
                ok += usize::from(parse_declaration("g.json", t, Format::Json).is_ok());
            }
            let per = start.elapsed() / texts.len() as u32;
            println!("{style:?} round {round}: {per:.2?} per declaration ({ok} valid of {})", texts.len());
        }
    }
}
