@ virt_devices: the registers of the -M virt devices beyond the UART, RTC and GIC,
@ as a bare-metal guest sees them: fw_cfg (selector, data, the file directory,
@ small file contents, DMA), the PL061 GPIO (ID registers, masked data,
@ interrupt logic and its SPI 7), the virtio-mmio transports with no backend,
@ the GICv2m MSI frame (MSI_TYPER, IIDR, SETSPI_NS raising SPI 48+),
@ the two CFI flash banks (array reads, CFI query, device ID, status,
@ program and erase), the PCIe MMIO and I/O windows, and unassigned holes
@ (data aborts, printed with their DFSR).
        .include "lib.inc"

        .equ FWCFG,      0x09020000     @ data; +8 selector; +0x10 DMA address
        .equ FW_CTL,     8
        .equ FW_DMA,     0x10
        .equ FW_FILE_DIR, 0x19
        .equ GPIO,       0x09030000
        .equ VIRTIO,     0x0a000000
        .equ V2M,        0x08020000
        .equ GICD,       0x08000000
        .equ GICD_ISPENDR, 0x200
        .equ GICD_ICPENDR, 0x280
        .equ GICD_ICFGR,   0xc00
        .equ FLASH1,     0x04000000

        .text
        .balign 32
vectors:
        b       unexpected
        b       unexpected
        b       unexpected
        b       unexpected
        b       dabt_handler
        b       unexpected
        b       unexpected
        b       unexpected

unexpected:
        ldr     r0, =default_vectors
        mcr     p15, 0, r0, c12, c0, 0
        isb
        PUTS    "UNEXPECTED vector\n"
        b       psci_off

@ Data abort: remember the DFSR and continue after the faulting instruction.
dabt_handler:
        push    {r0, r1}
        ldr     r0, =fault_fsr
        mrc     p15, 0, r1, c5, c0, 0
        str     r1, [r0]
        pop     {r0, r1}
        subs    pc, lr, #4
        .ltorg

@ Print "\label: " then r1 in hex, or "abort DFSR" if the access in \insn
@ faulted (r1 is preset to 0xdeaddead). \insn uses r0 as the address.
        .macro PROBE label, insn, addr
        MOV32   r0, \addr
        MOV32   r1, 0xdeaddead
        bl      clear_fault
        \insn
        PUTS    "\label: "
        bl      show_result
        .endm

@ r0 = the n bytes (n in r0) read big-endian from the fw_cfg data register.
fw_be:
        push    {r1, r2, r3, lr}
        MOV32   r1, FWCFG
        mov     r2, r0
        mov     r0, #0
1:      ldrb    r3, [r1]
        orr     r0, r3, r0, lsl #8
        subs    r2, r2, #1
        bne     1b
        pop     {r1, r2, r3, pc}

@ Select fw_cfg item r0 (the selector register is big-endian).
fw_select:
        push    {r1, r2, lr}
        MOV32   r1, FWCFG
        rev16   r2, r0
        strh    r2, [r1, #FW_CTL]
        pop     {r1, r2, pc}

clear_fault:
        push    {r0, r1}
        ldr     r0, =fault_fsr
        mov     r1, #0
        str     r1, [r0]
        pop     {r0, r1}
        bx      lr

@ Print r1, or "abort XXXXXXXX" (the DFSR) if the last probe faulted; newline.
show_result:
        push    {r0, lr}
        ldr     r0, =fault_fsr
        ldr     r0, [r0]
        cmp     r0, #0
        bne     1f
        PUTHEX  r1
        b       2f
1:      PUTS    "abort "
        PUTHEX  r0
2:      PUTS    "\n"
        pop     {r0, pc}

        .global main
main:
        push    {r4-r11, lr}
        ldr     r0, =vectors
        mcr     p15, 0, r0, c12, c0, 0
        isb
        bl      fw_cfg_tests
        bl      gpio_tests
        bl      virtio_tests
        bl      v2m_tests
        bl      flash_tests
        bl      window_tests
        pop     {r4-r11, pc}
        .ltorg

@ ---------------------------------------------------------------- fw_cfg
fw_cfg_tests:
        push    {r4-r11, lr}
        PUTS    "-- fw_cfg\n"
        mov     r0, #0
        bl      fw_select
        mov     r0, #4
        bl      fw_be
        SHOW    "signature", r0
        mov     r0, #0
        bl      fw_select
        PROBE   "data ldr", "ldr r1, [r0]", FWCFG
        PROBE   "data ldrh", "ldrh r1, [r0]", FWCFG
        PROBE   "data ldrd lo", "ldrd r2, r3, [r0]; mov r1, r2", FWCFG
        PROBE   "data +4", "ldr r1, [r0]", FWCFG + 4
        PROBE   "selector read", "ldrh r1, [r0]", FWCFG + FW_CTL
        PROBE   "selector word write", "str r1, [r0]; mov r1, #0", FWCFG + FW_CTL
        mov     r0, #1
        bl      fw_select
        mov     r0, #4
        bl      fw_be
        SHOW    "id", r0
        mov     r0, #5
        bl      fw_select
        mov     r0, #2
        bl      fw_be
        SHOW    "nb_cpus", r0
        mov     r0, #0xe
        bl      fw_select
        mov     r0, #2
        bl      fw_be
        SHOW    "boot_menu", r0
        mov     r0, #2
        bl      fw_select
        bl      hash_reset
        mov     r4, #16
1:      mov     r0, #1
        bl      fw_be
        bl      fold
        subs    r4, r4, #1
        bne     1b
        ldr     r0, =s_uuid
        bl      print_hash
        mov     r0, #3                          @ RAM size: not provided on virt
        bl      fw_select
        PROBE   "ram_size", "ldr r1, [r0]", FWCFG
        MOV32   r0, 0x40                        @ past the last file slot
        bl      fw_select
        PROBE   "invalid item", "ldr r1, [r0]", FWCFG
        @ The file directory: count, then size, select, name for each.
        mov     r0, #FW_FILE_DIR
        bl      fw_select
        mov     r0, #4
        bl      fw_be
        SHOW    "files", r0
        mov     r4, r0
        ldr     r8, =file_names
        ldr     r9, =file_sizes
        ldr     r10, =file_sels
        mov     r11, r4
2:      cmp     r11, #0
        beq     4f
        mov     r0, #4
        bl      fw_be
        str     r0, [r9], #4
        PUTHEX  r0
        PUTS    " "
        mov     r0, #2
        bl      fw_be
        str     r0, [r10], #4
        PUTHEX  r0
        PUTS    " "
        mov     r0, #2
        bl      fw_be
        MOV32   r1, FWCFG
        mov     r5, #56
        mov     r6, r8
3:      ldrb    r0, [r1]
        strb    r0, [r6], #1
        subs    r5, r5, #1
        bne     3b
        mov     r0, r8
        bl      puts
        PUTS    "\n"
        add     r8, r8, #56
        sub     r11, r11, #1
        b       2b
        @ Each file's contents: in hex up to 40 bytes, else as a hash; the
        @ ACPI tables and their loader script are not shown.
4:      ldr     r8, =file_names
        ldr     r9, =file_sizes
        ldr     r10, =file_sels
5:      cmp     r4, #0
        beq     9f
        ldr     r0, [r10], #4
        bl      fw_select
        ldr     r5, [r9], #4
        ldrb    r0, [r8, #4]
        cmp     r0, #'a'                        @ "etc/acpi/tables"
        ldrbeq  r0, [r8, #9]
        cmpeq   r0, #'t'
        beq     8f
        ldrb    r0, [r8, #4]
        cmp     r0, #'t'                        @ "etc/table-loader"
        ldrbeq  r0, [r8, #5]
        cmpeq   r0, #'a'
        beq     8f
        mov     r0, r8
        bl      puts
        PUTS    ":"
        bl      hash_reset
        MOV32   r1, FWCFG
        cmp     r5, #40
        movhi   r6, #0
        movls   r6, #1
6:      cmp     r5, #0
        beq     7f
        ldrb    r0, [r1]
        bl      fold
        cmp     r6, #1
        bne     61f
        PUTS    " "
        push    {r0}
        lsl     r0, r0, #24
        bl      put_hex32                       @ prints XX000000
        pop     {r0}
61:     sub     r5, r5, #1
        b       6b
7:      cmp     r6, #1
        beq     71f
        ldr     r0, =s_hash
        bl      print_hash
        b       8f
71:     PUTS    "\n"
8:      add     r8, r8, #56
        sub     r4, r4, #1
        b       5b
        @ DMA: the signature register, then a transfer of the directory header.
9:      PROBE   "dma sig hi", "ldr r1, [r0]", FWCFG + FW_DMA
        PROBE   "dma sig lo", "ldr r1, [r0]", FWCFG + FW_DMA + 4
        PROBE   "dma sig byte 3", "ldrb r1, [r0]", FWCFG + FW_DMA + 3
        PROBE   "dma sig half 6", "ldrh r1, [r0]", FWCFG + FW_DMA + 6
        ldr     r0, =dma_buf
        mov     r1, #0xaa
        strb    r1, [r0]
        strb    r1, [r0, #11]
        MOV32   r1, (FW_FILE_DIR << 16) | 0x0a  @ select + read
        ldr     r2, =dma_buf
        mov     r3, #10                         @ count and the first size and select
        bl      fw_dma
        SHOW    "dma control", r0
        ldr     r4, =dma_buf
        ldr     r1, [r4]
        SHOW    "dma buf 0", r1
        ldr     r1, [r4, #4]
        SHOW    "dma buf 4", r1
        ldr     r1, [r4, #8]
        SHOW    "dma buf 8", r1
        MOV32   r1, 0x04                        @ skip 2 (no select)
        ldr     r2, =dma_buf
        mov     r3, #2
        bl      fw_dma
        SHOW    "dma skip control", r0
        mov     r0, #2                          @ the directory after the skipped bytes
        bl      fw_be
        SHOW    "after skip", r0
        MOV32   r1, (1 << 16) | 0x18            @ select ID + write: not writable
        ldr     r2, =dma_buf
        mov     r3, #4
        bl      fw_dma
        SHOW    "dma write control", r0
        MOV32   r1, 0                           @ no operation bit
        ldr     r2, =dma_buf
        mov     r3, #4
        bl      fw_dma
        SHOW    "dma noop control", r0
        pop     {r4-r11, pc}
        .ltorg

@ fw_dma: run one DMA access (control r1, address r2, length r3); r0 = its
@ control word afterwards (big-endian in memory, shown as a number).
fw_dma:
        push    {r1-r5, lr}
        ldr     r4, =dma_access
        rev     r5, r1
        str     r5, [r4]
        rev     r5, r3
        str     r5, [r4, #4]
        mov     r5, #0
        str     r5, [r4, #8]
        rev     r5, r2
        str     r5, [r4, #12]
        MOV32   r5, FWCFG + FW_DMA
        mov     r0, #0
        str     r0, [r5]                        @ high half of the address
        rev     r0, r4
        str     r0, [r5, #4]                    @ low half: starts the transfer
        ldr     r0, [r4]
        rev     r0, r0
        pop     {r1-r5, pc}
        .ltorg

@ ---------------------------------------------------------------- PL061
gpio_tests:
        push    {r4-r11, lr}
        PUTS    "-- pl061\n"
        MOV32   r4, GPIO + 0xfd0
        mov     r5, #12
1:      ldr     r1, [r4], #4
        PUTHEX  r1
        PUTS    " "
        subs    r5, r5, #1
        bne     1b
        PUTS    "\n"
        PROBE   "id byte fe1", "ldrb r1, [r0]", GPIO + 0xfe1
        PROBE   "id half fe2", "ldrh r1, [r0]", GPIO + 0xfe2
        PROBE   "dir", "ldr r1, [r0]", GPIO + 0x400
        PROBE   "afsel", "ldr r1, [r0]", GPIO + 0x420
        PROBE   "data", "ldr r1, [r0]", GPIO + 0x3fc
        PROBE   "luminary pur", "ldr r1, [r0]", GPIO + 0x510
        PROBE   "icr read", "ldr r1, [r0]", GPIO + 0x41c
        MOV32   r4, GPIO
        mov     r1, #0xf0
        str     r1, [r4, #0x400]                @ lines 4-7 outputs
        mov     r1, #0xff
        str     r1, [r4, #0x3fc]                @ all lines: only outputs change
        PROBE   "data after ff", "ldr r1, [r0]", GPIO + 0x3fc
        mov     r1, #0x00
        str     r1, [r4, #0x40 << 2]            @ mask 0x40: clear line 6 only
        PROBE   "data after clear 6", "ldr r1, [r0]", GPIO + 0x3fc
        PROBE   "data masked 0x30", "ldr r1, [r0]", GPIO + (0x30 << 2)
        PROBE   "data byte", "ldrb r1, [r0]", GPIO + 0x3fc
        @ Level interrupts on the input lines 0-3, low level (IEV = 0): all pend.
        mov     r1, #0x0f
        str     r1, [r4, #0x404]                @ IS: level
        PROBE   "ris level", "ldr r1, [r0]", GPIO + 0x414
        PROBE   "mis masked", "ldr r1, [r0]", GPIO + 0x418
        bl      spi7_pending
        mov     r1, #0x05
        str     r1, [r4, #0x410]                @ IE
        PROBE   "mis", "ldr r1, [r0]", GPIO + 0x418
        bl      spi7_pending
        mov     r1, #0xff
        str     r1, [r4, #0x41c]                @ IC: level sources pend again at once
        PROBE   "ris after icr", "ldr r1, [r0]", GPIO + 0x414
        mov     r1, #0
        str     r1, [r4, #0x404]
        mov     r1, #0xff
        str     r1, [r4, #0x41c]
        PROBE   "ris edge mode", "ldr r1, [r0]", GPIO + 0x414
        bl      spi7_pending
        mov     r1, #0
        str     r1, [r4, #0x410]
        mov     r1, #0xaa
        str     r1, [r4, #0x408]
        str     r1, [r4, #0x40c]
        PROBE   "ibe", "ldr r1, [r0]", GPIO + 0x408
        PROBE   "iev", "ldr r1, [r0]", GPIO + 0x40c
        mov     r1, #0x3c
        str     r1, [r4, #0x420]
        PROBE   "afsel written", "ldr r1, [r0]", GPIO + 0x420
        MOV32   r1, 0x1234
        str     r1, [r4, #0x400]
        PROBE   "dir masked", "ldr r1, [r0]", GPIO + 0x400
        PROBE   "bad offset 0x800", "ldr r1, [r0]", GPIO + 0x800
        pop     {r4-r11, pc}
        .ltorg

@ Print whether the GIC sees SPI 7 (interrupt 39) pending.
spi7_pending:
        push    {r0, r1, lr}
        MOV32   r0, GICD + GICD_ISPENDR + 4
        ldr     r1, [r0]
        and     r1, r1, #(1 << 7)
        SHOW    "  spi7 pending", r1
        pop     {r0, r1, pc}
        .ltorg

@ ---------------------------------------------------------------- virtio-mmio
virtio_tests:
        push    {r4-r11, lr}
        PUTS    "-- virtio-mmio\n"
        MOV32   r4, VIRTIO
        mov     r5, #0
1:      PUTS    "transport "
        PUTHEX  r5
        PUTS    ":"
        add     r6, r4, r5, lsl #9
        ldr     r1, [r6]
        PUTS    " "
        PUTHEX  r1
        ldr     r1, [r6, #4]
        PUTS    " "
        PUTHEX  r1
        ldr     r1, [r6, #8]
        PUTS    " "
        PUTHEX  r1
        ldr     r1, [r6, #12]
        PUTS    " "
        PUTHEX  r1
        ldr     r1, [r6, #0x70]
        PUTS    " "
        PUTHEX  r1
        ldr     r1, [r6, #0x100]
        PUTS    " "
        PUTHEX  r1
        PUTS    "\n"
        add     r5, r5, #1
        cmp     r5, #32
        bne     1b
        PROBE   "magic byte", "ldrb r1, [r0]", VIRTIO
        PROBE   "magic half +2", "ldrh r1, [r0]", VIRTIO + 2
        PROBE   "version byte", "ldrb r1, [r0]", VIRTIO + 4
        MOV32   r0, VIRTIO
        mov     r1, #0xf
        str     r1, [r0, #0x70]                 @ status: ignored without a backend
        str     r1, [r0, #0x30]
        PROBE   "status after write", "ldr r1, [r0]", VIRTIO + 0x70
        PROBE   "queue max", "ldr r1, [r0]", VIRTIO + 0x34
        PROBE   "config end", "ldr r1, [r0]", VIRTIO + 0x1fc
        pop     {r4-r11, pc}
        .ltorg

@ ---------------------------------------------------------------- GICv2m
v2m_tests:
        push    {r4-r11, lr}
        PUTS    "-- gicv2m\n"
        PROBE   "msi_typer", "ldr r1, [r0]", V2M + 0x008
        PROBE   "msi_iidr", "ldr r1, [r0]", V2M + 0xfcc
        PROBE   "pidr2", "ldr r1, [r0]", V2M + 0xfe8
        PROBE   "cidr0", "ldr r1, [r0]", V2M + 0xff0
        PROBE   "typer byte", "ldrb r1, [r0]", V2M + 0x008
        PROBE   "offset 0", "ldr r1, [r0]", V2M
        PROBE   "setspi read", "ldr r1, [r0]", V2M + 0x040
        @ Interrupts 80-95 edge-triggered, then MSIs through SETSPI_NS.
        MOV32   r4, GICD
        MOV32   r1, 0xaaaaaaaa
        str     r1, [r4, #GICD_ICFGR + 20]
        str     r1, [r4, #GICD_ICFGR + 24]
        str     r1, [r4, #GICD_ICFGR + 32]
        MOV32   r5, V2M + 0x40
        mov     r1, #80
        str     r1, [r5]
        MOV32   r1, 0x400 + 81                  @ bits above 9 are ignored
        str     r1, [r5]
        mov     r1, #143
        strh    r1, [r5]
        mov     r1, #79                         @ outside the frame's range
        str     r1, [r5]
        mov     r1, #144
        str     r1, [r5]
        mov     r1, #95
        strb    r1, [r5]                        @ byte writes are ignored
        ldr     r1, [r4, #GICD_ISPENDR + 8]
        SHOW    "pending 64-95", r1
        ldr     r1, [r4, #GICD_ISPENDR + 16]
        SHOW    "pending 128-159", r1
        MOV32   r1, 0xffffffff
        str     r1, [r4, #GICD_ICPENDR + 8]
        str     r1, [r4, #GICD_ICPENDR + 16]
        pop     {r4-r11, pc}
        .ltorg

@ ---------------------------------------------------------------- flash
flash_tests:
        push    {r4-r11, lr}
        PUTS    "-- flash\n"
        PROBE   "flash0 word 0", "ldr r1, [r0]", 0
        PROBE   "flash1 word 0", "ldr r1, [r0]", FLASH1
        PROBE   "flash0 end", "ldr r1, [r0]", FLASH1 - 4
        MOV32   r4, FLASH1
        mov     r1, #0x98                       @ CFI query
        str     r1, [r4]
        mov     r5, #0x10
1:      add     r6, r4, r5, lsl #2
        ldr     r1, [r6]
        PUTHEX  r1
        PUTS    " "
        add     r5, r5, #1
        cmp     r5, #0x40
        bne     1b
        PUTS    "\n"
        PROBE   "cfi byte Q", "ldrb r1, [r0]", FLASH1 + 0x40
        PROBE   "cfi half +0x42", "ldrh r1, [r0]", FLASH1 + 0x42
        PROBE   "cfi past table", "ldr r1, [r0]", FLASH1 + 0x52 * 4
        mov     r1, #0x70                       @ still in query mode (not 0xff)
        str     r1, [r4]
        PROBE   "cfi after 0x70", "ldr r1, [r0]", FLASH1 + 0x40
        mov     r1, #0xff                       @ read array
        str     r1, [r4]
        PROBE   "array again", "ldr r1, [r0]", FLASH1 + 0x40
        mov     r1, #0x90                       @ device ID
        str     r1, [r4]
        PROBE   "manufacturer", "ldr r1, [r0]", FLASH1
        PROBE   "device", "ldr r1, [r0]", FLASH1 + 4
        PROBE   "devid +8", "ldr r1, [r0]", FLASH1 + 8
        PROBE   "devid half", "ldrh r1, [r0]", FLASH1 + 4
        mov     r1, #0x70                       @ read status
        str     r1, [r4]
        PROBE   "status", "ldr r1, [r0]", FLASH1
        PROBE   "status half", "ldrh r1, [r0]", FLASH1
        mov     r1, #0x40                       @ program a word
        str     r1, [r4]
        MOV32   r1, 0x12345678
        str     r1, [r4, #0x100]
        PROBE   "after program", "ldr r1, [r0]", FLASH1 + 0x100
        mov     r1, #0xff
        str     r1, [r4]
        PROBE   "programmed", "ldr r1, [r0]", FLASH1 + 0x100
        PROBE   "neighbour", "ldr r1, [r0]", FLASH1 + 0x104
        mov     r1, #0x20                       @ erase the 256 KiB block
        str     r1, [r4, #0x100]
        mov     r1, #0xd0
        str     r1, [r4, #0x100]
        PROBE   "after erase", "ldr r1, [r0]", FLASH1 + 0x100
        mov     r1, #0xff
        str     r1, [r4]
        PROBE   "erased", "ldr r1, [r0]", FLASH1 + 0x3fffc
        PROBE   "next block", "ldr r1, [r0]", FLASH1 + 0x40000
        mov     r1, #0x50                       @ clear status, back to array mode
        str     r1, [r4]
        mov     r1, #0x70
        str     r1, [r4]
        PROBE   "status cleared", "ldr r1, [r0]", FLASH1
        mov     r1, #0xe8                       @ write to buffer: 2 words
        str     r1, [r4, #0x200]
        PROBE   "buffer status", "ldr r1, [r0]", FLASH1
        mov     r1, #1
        str     r1, [r4, #0x200]
        MOV32   r1, 0xcafef00d
        str     r1, [r4, #0x200]
        MOV32   r1, 0x0badbeef
        str     r1, [r4, #0x204]
        mov     r1, #0xd0
        str     r1, [r4, #0x200]
        mov     r1, #0xff
        str     r1, [r4]
        PROBE   "buffer word 0", "ldr r1, [r0]", FLASH1 + 0x200
        PROBE   "buffer word 1", "ldr r1, [r0]", FLASH1 + 0x204
        mov     r1, #0x33                       @ not a command
        str     r1, [r4]
        PROBE   "bad command", "ldr r1, [r0]", FLASH1 + 0x200
        mov     r1, #0x98
        strb    r1, [r4]                        @ a byte-wide command
        PROBE   "cfi after byte cmd", "ldr r1, [r0]", FLASH1 + 0x40
        mov     r1, #0xff
        str     r1, [r4]
        pop     {r4-r11, pc}
        .ltorg

@ ---------------------------------------------------------------- windows
window_tests:
        push    {r4-r11, lr}
        PUTS    "-- windows\n"
        PROBE   "pcie mmio", "ldr r1, [r0]", 0x10000000
        PROBE   "pcie mmio byte", "ldrb r1, [r0]", 0x3efeffff
        PROBE   "pcie mmio write", "str r1, [r0]; mov r1, #0", 0x20000000
        PROBE   "pcie pio", "ldr r1, [r0]", 0x3eff0000
        PROBE   "pcie pio half", "ldrh r1, [r0]", 0x3effffee
        PROBE   "low ecam", "ldr r1, [r0]", 0x3f000000
        PROBE   "platform bus", "ldr r1, [r0]", 0x0c000000
        PROBE   "platform bus write", "str r1, [r0]; mov r1, #0", 0x0dfffffc
        PROBE   "secure uart hole", "ldr r1, [r0]", 0x09040000
        PROBE   "fw_cfg hole", "ldr r1, [r0]", FWCFG + 0x18
        PROBE   "gic hole", "ldr r1, [r0]", 0x08030000
        PROBE   "virtio end", "ldr r1, [r0]", VIRTIO + 0x4000
        pop     {r4-r11, pc}
        .ltorg

        .section .rodata
s_uuid: .asciz  "uuid"
s_hash: .asciz  " hash"

        .bss
        .balign 16
fault_fsr:  .space 4
        .balign 16
dma_access: .space 16
dma_buf:    .space 16
file_names: .space 56 * 32
file_sizes: .space 4 * 32
file_sels:  .space 4 * 32
