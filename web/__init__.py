"""The reviewer workspace: server-rendered pages for reviewers, operators, HR and admins."""
