# The two commands: `make demo` and `make test`. Each installs what is missing first.
UV = $(shell python3 -m uv --version >/dev/null 2>&1 && echo "python3 -m uv" || echo uv)

.PHONY: demo test deps deps-test lint bench-accuracy bench-speed

deps:
	@scripts/bootstrap.sh

demo: deps
	$(UV) run tekser demo

deps-test:
	@scripts/bootstrap.sh test

lint: deps-test
	$(UV) run ruff check .
	$(UV) run mypy

test: lint
	$(UV) run pytest -n 2 -q

bench-accuracy: deps
	$(UV) run python -m benchmarks.accuracy

bench-speed: deps
	$(UV) run python -m benchmarks.speed
