"""Use cases of the till, free of Qt: what a cashier action does, in terms of the domain and ports.

The UI calls these on its database worker thread; ``localdb`` implements the ports.
"""
