/// A usage error: a bad flag or value. Reported on stderr with exit status 2.
struct UsageError: Error {
    /// What went wrong, one line.
    var message: String
}

/// Command-line arguments split into positionals, options with values, and flags.
struct ParsedArguments {
    /// Arguments that are not options, in order.
    var positionals: [String] = []
    /// Values of options by name (without `--`), in order; repeated options accumulate.
    var options: [String: [String]] = [:]
    /// Flags given (without `--`).
    var flags: Set<String> = []

    /// The last value of an option.
    func value(_ name: String) -> String? { options[name]?.last }

    /// Whether a flag was given.
    func has(_ name: String) -> Bool { flags.contains(name) }

    /// Parses `arguments` against the options and flags a command knows: `--name value`,
    /// `--name=value`, `-h` for `--help`, and `--` ending options.
    static func parse(_ arguments: [String], options valueOptions: Set<String>, flags knownFlags: Set<String>) throws(UsageError) -> ParsedArguments {
        var result = ParsedArguments()
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
                result.positionals.append(argument)
                continue
            }
            if argument == "--" { optionsEnded = true; continue }
            if argument == "-h" { result.flags.insert("help"); continue }
            guard argument.hasPrefix("--") else { throw UsageError(message: "unknown option '\(argument)'") }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if valueOptions.contains(name) {
                if let inlineValue {
                    result.options[name, default: []].append(inlineValue)
                } else if index < arguments.count {
                    result.options[name, default: []].append(arguments[index])
                    index += 1
                } else {
                    throw UsageError(message: "option '--\(name)' needs a value")
                }
            } else if knownFlags.contains(name) || name == "help" {
                if inlineValue != nil { throw UsageError(message: "flag '--\(name)' takes no value") }
                result.flags.insert(name)
            } else {
                throw UsageError(message: "unknown option '--\(name)'")
            }
        }
        return result
    }

    /// The value of an option that must be one of `allowed`, or `defaultValue`.
    func choice(_ name: String, among allowed: [String], default defaultValue: String) throws(UsageError) -> String {
        guard let value = value(name) else { return defaultValue }
        guard allowed.contains(value) else {
            throw UsageError(message: "invalid value '\(value)' for --\(name); expected one of: \(allowed.joined(separator: ", "))")
        }
        return value
    }
}
