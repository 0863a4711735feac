from heard.core import app_config


class PeopleConfig(app_config.HeardApp):
    name = "heard.people"
    verbose_name = "People and organisations"
    #: The confirmed import runs as a background job (issue 20).
    jobs = (("import_job", "YOUNG_PEOPLE_IMPORT", "run_young_people_import"),)
