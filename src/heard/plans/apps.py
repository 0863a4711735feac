from heard.core import app_config


class PlansConfig(app_config.HeardApp):
    """Action plans against the seven Hear by Right standards (M10)."""

    name = "heard.plans"
    verbose_name = "Action plans"
    #: A confirmed import runs as a background job (issue 20).
    jobs = (("import_job", "PLAN_IMPORT", "run_plan_import"),)
