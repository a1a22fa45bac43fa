# The two commands a newcomer needs: `make start` and `make test`. Both set the machine up first.
.PHONY: setup start kafka test conformance bench

setup:
	@bash scripts/setup.sh

start: setup
	npm start

# An embedded Kafka in a process of its own, so that servers can be stopped and restarted against it.
kafka: setup
	node --import tsx src/cli/main.ts kafka

# Typecheck, then vitest: unit tests, integration tests over the embedded Kafka, and the
# conformance ratchet on the in-memory Log. (The informational embedded-Kafka conformance sample is
# gone: it could not fail, and test/engine/engine-kafka.test.ts covers the real client path.)
test: setup
	npx tsc --noEmit -p .
	npx tsc --noEmit -p console
	npx vitest run

conformance: setup
	npm run conformance

bench: setup
	npm run bench
