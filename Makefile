# The two commands a newcomer needs: `make start` and `make test`. Both set the machine up first.
.PHONY: setup start test conformance bench

setup:
	@bash scripts/setup.sh

start: setup
	npm start

test: setup
	npx tsc --noEmit -p .
	npx vitest run
	npm run conformance -- --backend embedded --sample 25

conformance: setup
	npm run conformance

bench: setup
	npm run bench
