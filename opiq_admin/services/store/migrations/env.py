"""Alembic environment: the store hands over its own connection (see store.migrate)."""

from alembic import context

from opiq_admin.services.store.schema import Base

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
