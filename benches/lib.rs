//! Benchmark helpers (the workload generator) live here; criterion benches in benches/.
