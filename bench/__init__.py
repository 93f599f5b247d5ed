"""How fast and how robust: `make bench` (`throughput`), `make bench-adversarial`
(`adversarial`) and `make fuzz` (`fuzz`). Figures go here, never in timed unit tests."""
