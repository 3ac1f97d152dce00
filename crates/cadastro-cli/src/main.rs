//! The `cadastro` command line: a thin host over the core crate.

fn main() {
    println!("cadastro {}", env!("CARGO_PKG_VERSION"));
}
