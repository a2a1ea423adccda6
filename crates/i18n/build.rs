// fluent-templates embeds locales/ at compile time but only tracks files it already saw:
// rebuild when anything under locales/ changes, including new files.
fn main() {
    println!("cargo:rerun-if-changed=../../locales");
    println!("cargo:rerun-if-changed=../../locales/en");
    println!("cargo:rerun-if-changed=../../locales/fr");
}
