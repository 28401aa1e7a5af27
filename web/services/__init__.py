"""What the workspace pages do, apart from HTTP: claims, decisions, queue queries, ledger, Appendix 2."""
