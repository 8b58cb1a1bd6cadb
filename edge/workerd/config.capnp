# workerd config for the substrate-lite edge smoke test. No nodejs_compat.
#   workerd serve edge/workerd/config.capnp --socket-addr http=127.0.0.1:PORT
# then GET http://127.0.0.1:PORT/?url=ws://127.0.0.1:CHAIN_PORT
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .smokeWorker),
    # The default "internet" service only reaches public addresses; the chain is on loopback.
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [ (name = "http", address = "127.0.0.1:8787", http = (), service = "main") ],
);

const smokeWorker :Workerd.Worker = (
  modules = [ (name = "worker", esModule = embed "worker.bundle.js") ],
  compatibilityDate = "2025-01-01",
  globalOutbound = "internet",
);
