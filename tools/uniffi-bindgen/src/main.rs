//! `uniffi-bindgen`: generates Kotlin, Swift and Python sources from the built
//! `cadastro_uniffi` library (library mode). Pinned to the workspace's uniffi version.

fn main() {
    uniffi::uniffi_bindgen_main()
}
