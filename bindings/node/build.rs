//! Build script: napi link arguments.
fn main() {
    napi_build::setup();
}
