-- wrk script: the same dossier through the nginx reverse proxy, with its basic auth user.
wrk.headers["Authorization"] = "Basic bmdpbngtYWdlbnQ6TmdpbngtQmVuY2gtMjAyNiE="
