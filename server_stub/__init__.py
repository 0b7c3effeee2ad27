"""The tills' cloud: a FastAPI service that stores every sale once and feeds catalog changes.

The service is stateless between requests (all state lives in one SQL database), so any number of
worker processes or hosts can serve the same organizations behind a load balancer.
"""
