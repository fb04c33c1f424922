@ Start-up probe: the third instruction writes '!' to the PL011, so the time from spawning the
@ emulator to that byte on its stdout is the time to the first guest instruction (plus two
@ instructions and one block translation). Then a newline and PSCI SYSTEM_OFF.
        .syntax unified
        .arm
        .include "common.inc"

        .section .text.start, "ax"
        .global _start
_start:
        mov     r0, #UART_BASE
        mov     r1, #'!'
        strb    r1, [r0]
        mov     r1, #'\n'
        strb    r1, [r0]
        power_off
        .ltorg
