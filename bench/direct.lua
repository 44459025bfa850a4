-- wrk script: the same dossier asked directly from the simulator, as the gateway asks it (service credential).
wrk.headers["Authorization"] = "Basic Y2RhcC1nYXRld2F5OnNpbXVsYXRldXI="
wrk.headers["X-Utilisateur"] = "niort.agent1"
wrk.headers["X-Convention"] = "79-2017-19"
wrk.headers["X-Profil"] = "T2"
