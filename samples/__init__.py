"""Generator of realistic certificates and diplomas of Kazakh healthcare workers with known truth."""
