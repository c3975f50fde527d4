import MarginaliaCLI

MarginaliaCommand.main()
