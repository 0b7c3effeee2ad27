"""The tills' cloud: a FastAPI service that stores every sale once and feeds catalog changes.

The service is stateless between requests (all state lives in one SQL database), so any number of
worker processes or hosts can serve the same organizations behind a load balancer.

This package is the production service that ``pos-server`` runs, not a test double; the name is
historical. Routes are in ``api/``, infrastructure (settings, database, security, error shape) in
``core/``, and the use cases in the modules between them.
"""
