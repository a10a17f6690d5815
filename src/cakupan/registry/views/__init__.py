"""Registry pages under /peserta/ (namespace `registry`): finding and reading records, BPU
registration, and the de-duplication queue."""
