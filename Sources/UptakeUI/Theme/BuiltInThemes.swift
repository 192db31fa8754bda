/// The five theme files of `themes/`, compiled in so the binary works without that folder.
///
/// Copies of `themes/*.toml`, so the binary works without the folder; `AppThemeTests.filesAndBuiltInsAgree` fails when they differ.
enum BuiltInThemes {
    /// (name, TOML text) in cycling order.
    static let sources: [(name: String, text: String)] = [
        ("dark", #"""
        # uptake theme: dark (the default). See docs/themes.md.
        name = "dark"
        
        [colors]
        text = "default"
        dim = "brightblack"
        accent = "#5fd7ff"
        header = "#ffffff"
        selection = "#ffffff"
        tab_active = "#ffffff"
        tab_inactive = "#bcbcbc"
        status_bar = "#d0d0d0"
        improved = "#5fd75f"
        worse = "#ff875f"
        significant = "#ffd75f"
        warning = "#ffd75f"
        error = "#ff5f5f"
        bar_fill = "#5fafd7"
        whisker = "#87afd7"
        border = "#6c6c6c"
        heading = "#ffd75f"
        quote = "#a8a8a8"
        
        [backgrounds]
        selection = "#264f78"
        tab_active = "#005f87"
        status_bar = "#303030"
        
        [attributes]
        header = ["bold"]
        tab_active = ["bold"]
        significant = ["bold"]
        error = ["bold"]
        heading = ["bold"]
        quote = ["italic"]
        """#),
        ("light", #"""
        # uptake theme: light. It paints its own white background, so it reads the same
        # on a dark or a light terminal. See docs/themes.md.
        name = "light"
        
        [colors]
        background = "#1c1c1c"
        text = "#1c1c1c"
        dim = "#6c6c6c"
        accent = "#005f87"
        header = "#000000"
        selection = "#000000"
        tab_active = "#ffffff"
        tab_inactive = "#3a3a3a"
        status_bar = "#1c1c1c"
        improved = "#007a3d"
        worse = "#b03000"
        significant = "#875f00"
        warning = "#875f00"
        error = "#af0000"
        bar_fill = "#005f87"
        whisker = "#5f5f87"
        border = "#8a8a8a"
        heading = "#5f0087"
        quote = "#4e4e4e"
        
        [backgrounds]
        background = "#ffffff"
        text = "#ffffff"
        dim = "#ffffff"
        accent = "#ffffff"
        header = "#ffffff"
        tab_inactive = "#ffffff"
        improved = "#ffffff"
        worse = "#ffffff"
        significant = "#ffffff"
        warning = "#ffffff"
        error = "#ffffff"
        bar_fill = "#ffffff"
        whisker = "#ffffff"
        border = "#ffffff"
        heading = "#ffffff"
        quote = "#ffffff"
        selection = "#bcd7f0"
        tab_active = "#005f87"
        status_bar = "#d0d0d0"
        
        [attributes]
        header = ["bold"]
        tab_active = ["bold"]
        significant = ["bold"]
        error = ["bold"]
        heading = ["bold"]
        quote = ["italic"]
        """#),
        ("high-contrast", #"""
        # uptake theme: high contrast (basic ANSI colours, bold text; "worse" and "error" in light red #ff8787,
        # as bright red on black is only 5.25:1 and every pair here is at least 7:1). See docs/themes.md.
        name = "high-contrast"
        
        [colors]
        background = "brightwhite"
        text = "brightwhite"
        dim = "white"
        accent = "brightcyan"
        header = "brightwhite"
        selection = "black"
        tab_active = "black"
        tab_inactive = "brightwhite"
        status_bar = "black"
        improved = "brightgreen"
        worse = "#ff8787"
        significant = "brightyellow"
        warning = "brightyellow"
        error = "#ff8787"
        bar_fill = "brightcyan"
        whisker = "brightwhite"
        border = "brightwhite"
        heading = "brightyellow"
        quote = "brightwhite"
        
        [backgrounds]
        background = "black"
        text = "black"
        selection = "brightyellow"
        tab_active = "brightyellow"
        status_bar = "brightwhite"
        
        [attributes]
        header = ["bold", "underline"]
        selection = ["bold"]
        tab_active = ["bold"]
        improved = ["bold"]
        worse = ["bold"]
        significant = ["bold"]
        warning = ["bold"]
        error = ["bold"]
        heading = ["bold"]
        """#),
        ("okabe-ito", #"""
        # uptake theme: Okabe-Ito, a colour-blind-safe palette
        # (#E69F00 #56B4E9 #009E73 #F0E442 #0072B2 #D55E00 #CC79A7 #000000). See docs/themes.md.
        name = "okabe-ito"
        
        [colors]
        text = "default"
        dim = "brightblack"
        accent = "#56B4E9"
        header = "#F0E442"
        selection = "#000000"
        tab_active = "#000000"
        tab_inactive = "default"
        status_bar = "#000000"
        improved = "#009E73"
        worse = "#D55E00"
        significant = "#E69F00"
        warning = "#F0E442"
        error = "#D55E00"
        bar_fill = "#56B4E9"
        whisker = "#CC79A7"
        border = "#0072B2"
        heading = "#E69F00"
        quote = "#CC79A7"
        
        [backgrounds]
        selection = "#56B4E9"
        tab_active = "#E69F00"
        status_bar = "#56B4E9"
        
        [attributes]
        header = ["bold"]
        tab_active = ["bold"]
        significant = ["bold"]
        error = ["bold"]
        heading = ["bold"]
        quote = ["italic"]
        """#),
        ("monochrome", #"""
        # uptake theme: monochrome. No colours at all, attributes only (NO_COLOR, vt100). See docs/themes.md.
        name = "monochrome"
        
        [attributes]
        dim = ["dim"]
        accent = ["bold"]
        header = ["bold", "underline"]
        selection = ["reverse"]
        tab_active = ["reverse", "bold"]
        status_bar = ["reverse"]
        significant = ["bold"]
        warning = ["bold"]
        error = ["bold"]
        heading = ["bold"]
        quote = ["italic"]
        """#),
    ]
}
