"""Flow Service use cases: connections, source/target connections, flows, runs, specs."""
