"""The built-in templates. This folder stays at the top of the repository and is installed as the
package `generator.templates` (see pyproject.toml), so an installed wheel finds it through the package."""
