# The two commands a newcomer needs: `make start` and `make test`. Both set the machine up first.
.PHONY: setup start kafka test conformance bench

setup:
	@bash scripts/setup.sh

start: setup
	npm start

# An embedded Kafka in a process of its own, so that servers can be stopped and restarted against it.
kafka: setup
	node --import tsx src/cli/main.ts kafka

# The embedded-Kafka conformance sample exercises the real client path with the same cases
# (informational: the ratchet runs in vitest on the in-memory Log); vitest runs last.
test: setup
	npx tsc --noEmit -p .
	npm run conformance -- --backend embedded --sample 25 --report .squall/conformance-embedded.json
	npx vitest run

conformance: setup
	npm run conformance

bench: setup
	npm run bench
